package org.ccs.it.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Agent Portal's start page: the signed-in agent's name, extension and state. */
public final class AgentHomePage {

    private final WebDriver driver;

    public AgentHomePage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-name")));
    }

    public String name() {
        return driver.findElement(By.id("agent-name")).getText();
    }

    public String extension() {
        return driver.findElement(By.id("agent-extension")).getText();
    }

    public String state() {
        return driver.findElement(By.id("agent-state")).getText();
    }
}
