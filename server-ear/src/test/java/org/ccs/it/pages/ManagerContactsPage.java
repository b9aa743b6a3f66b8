package org.ccs.it.pages;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Manager's contact list (PrimeFaces lazy data table). */
public final class ManagerContactsPage {

    private final WebDriver driver;

    public ManagerContactsPage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("contacts-form:contacts")));
    }

    /** The caller column of the rows on the current page. */
    public List<String> callers() {
        return driver.findElements(By.cssSelector("#contacts-form\\:contacts tbody td .caller")).stream()
                .map(WebElement::getText).toList();
    }

    public List<String> outcomes() {
        return driver.findElements(By.cssSelector("#contacts-form\\:contacts tbody td .outcome")).stream()
                .map(WebElement::getText).toList();
    }
}
