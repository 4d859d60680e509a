package com.reconflow.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda Tasklist in headless Chromium, used as a person uses it: log in, pick a filter, open and
 * claim a task, read and fill its Camunda Form, complete it.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages (/usr/bin/chromium,
 * /usr/bin/chromedriver). Without them a test fails rather than skips, so CI cannot pass it
 * silently. {@link #saveEvidence} writes a screenshot and the page source to target/browser-test/.
 */
public final class Tasklist implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path EVIDENCE = Path.of("target", "browser-test");

    private final int port;
    private final Path profile;
    private final WebDriver browser;
    private final WebDriverWait wait;

    private Tasklist(int port, Path profile, WebDriver browser, Duration patience) {
        this.port = port;
        this.profile = profile;
        this.browser = browser;
        // Angular re-renders parts of Tasklist while we wait on them.
        this.wait = new WebDriverWait(browser, patience);
        wait.ignoring(StaleElementReferenceException.class);
    }

    public static Tasklist open(int port, Duration patience) throws IOException {
        assertThat(CHROMEDRIVER)
                .as("chromedriver is missing: install the Debian packages chromium and chromium-driver")
                .isExecutable();
        assertThat(CHROMIUM).as("chromium is missing: install the Debian package chromium").isExecutable();
        Path profile = Files.createTempDirectory("reconflow-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        // An explicit driver executable keeps Selenium Manager from looking for (and downloading) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Tasklist(port, profile, new ChromeDriver(service, options), patience);
    }

    public WebDriver browser() {
        return browser;
    }

    public WebDriverWait await() {
        return wait;
    }

    public void login(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
        // The first visit loads the whole AngularJS app; the login form appears when it is ready.
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form[name='signinForm'] input[type='text']")));
        username.sendKeys(user);
        browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(password);
        browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
    }

    /** Tasklist's filter list, created at start-up: choose one by its name. */
    public void selectFilter(String name) {
        By filter = By.xpath("//div[contains(@class,'task-filter')][.//a[contains(normalize-space(), \"" + name
                + "\")]]");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(filter)).findElement(By.tagName("a")));
        wait.until(driver -> driver.findElement(filter).getAttribute("class").contains("active"));
    }

    /** The names in the list of the selected filter, once the expected ones show. */
    public List<String> waitForTaskList(List<String> expectedNames) {
        By names = By.cssSelector("ol.tasks-list li.task h4.task a");
        wait.until(driver -> driver.findElements(names).stream().map(WebElement::getText).toList()
                .containsAll(expectedNames));
        return browser.findElements(names).stream().map(WebElement::getText).toList();
    }

    public void openTask(String taskName) {
        // With a longer list the task may sit under Tasklist's fixed footer.
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(By.linkText(taskName))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".names h2.task"), taskName));
    }

    /** Claiming reloads the form, which is disabled until the task is the user's. */
    public void claim() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        // The Camunda Form (form-js) sits under a loading overlay for a moment, and greyed out
        // ("disabled-form") until the task is the user's: wait for both to go before touching it.
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-form] .loader")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form .fjs-form-field")));
    }

    /** The value shown by a disabled text field of the form, found by its label. */
    public String readOnlyField(String label) {
        By input = By.xpath("//div[contains(@class,'fjs-form-field-textfield')][.//label[normalize-space()=\""
                + label + "\"]]//input");
        // The values arrive after the fields: wait for this one to be filled in.
        wait.until(driver -> !driver.findElement(input).getDomProperty("value").isEmpty());
        WebElement field = browser.findElement(input);
        assertThat(field.isEnabled()).as(label + " is read-only").isFalse();
        return field.getDomProperty("value");
    }

    /** A form-js select is not an HTML select: open its drop-down, then click the item. */
    public void choose(String label) {
        By select = By.cssSelector(".fjs-form-field-select .fjs-input-group");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(select)));
        By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()=\"" + label + "\"]");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(item)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(select, label));
    }

    /** A form-js radio group: click the option's label, then see it chosen. */
    public void chooseRadio(String label) {
        By option = By.xpath("//*[contains(@class,'fjs-form-field-radio')]//label[normalize-space()=\"" + label
                + "\"]");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(option)));
        wait.until(driver -> driver.findElements(By.cssSelector(".fjs-form-field-radio input[type='radio']")).stream()
                .anyMatch(WebElement::isSelected));
    }

    /** Types into the form's text area with the given label. */
    public void write(String textareaLabel, String text) {
        WebElement textarea = browser.findElement(By.xpath("//div[contains(@class,'fjs-form-field-textarea')]"
                + "[.//label[starts-with(normalize-space(), \"" + textareaLabel + "\")]]//textarea"));
        scrollToMiddle(textarea);
        textarea.sendKeys(text);
        wait.until(ExpectedConditions.attributeToBe(textarea, "value", text));
    }

    public void pressComplete() {
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".form-actions button.btn-primary"))));
    }

    /** Tasklist closes the task and drops it from the list once the engine has completed it. */
    public void complete(String taskName) {
        pressComplete();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(taskName)));
    }

    /** Tasklist's notice of a refused submit lies over the form's buttons until closed. */
    public void dismissNotifications() {
        By close = By.cssSelector(".page-notifications button[ng-click^='removeNotification']");
        wait.until(ExpectedConditions.elementToBeClickable(close)).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(close));
    }

    /**
     * The form scrolls inside its own pane, and Tasklist's fixed footer covers the bottom of it: an
     * element there is "visible" to WebDriver yet the footer would take the click. Scroll it to the
     * middle of the pane first.
     */
    public void clickInMiddle(WebElement element) {
        scrollToMiddle(element);
        element.click();
    }

    private void scrollToMiddle(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    public void saveEvidence(String name) {
        try {
            Files.createDirectories(EVIDENCE);
            Files.write(EVIDENCE.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(EVIDENCE.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the browser's state: " + e);
        }
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
