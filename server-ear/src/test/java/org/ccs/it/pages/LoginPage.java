package org.ccs.it.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sign-in form of the Manager and of the Agent Portal. */
public final class LoginPage {

    private final WebDriver driver;

    public LoginPage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    }

    /** Opens a protected address; the server shows the login form. */
    public static LoginPage open(WebDriver driver, String url) {
        driver.get(url);
        return new LoginPage(driver);
    }

    public void signIn(String user, String password) {
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("signin")).click();
    }

    public boolean showsError() {
        return !driver.findElements(By.id("login-error")).isEmpty();
    }
}
