package com.reconflow.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.reconflow.config.Db;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations decide about a missing source in a real browser: log into Tasklist as {@code ops}, open
 * the task "Missing channel data", read what is missing, choose to proceed without it, say why and
 * complete; the run then matches without it and says so. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; on failure a screenshot and the page source go to target/browser-test/.
 * (Its day, 2027-08-20, is used by no other test.)
 */
class MissingChannelDataBrowserTest extends H2AppTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path EVIDENCE = Path.of("target", "browser-test");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DAY = "2027-08-20";
    private static final String TASK = "Missing channel data · " + DAY + " · card";
    private static final String PROCEED = "Proceed: match the day without the missing sources";
    private static final String COMMENT = "Acquirer's file is late; card sales reconciled with tomorrow's run";

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;

    private Path browserProfile;
    private WebDriver browser;
    private WebDriverWait wait;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            saveEvidence(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeEach
    void startBrowser() throws IOException {
        assertThat(CHROMEDRIVER).as("install the Debian packages chromium and chromium-driver").isExecutable();
        assertThat(CHROMIUM).as("install the Debian package chromium").isExecutable();
        browserProfile = Files.createTempDirectory("reconflow-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + browserProfile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (browserProfile != null) {
                FileSystemUtils.deleteRecursively(browserProfile.toFile());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void operationsProceedWithoutAMissingSourceInTasklist() {
        Api finance = Api.as(rest(), "finance");
        assertThat(finance.importFile("pos", "pos_20270820.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                BT1,2027-08-20 12:00:00,2027-08-20 12:00:05,35.00,cash,,PAID,0.00,S001,饰品,SS0003,1
                """).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> run = finance.post("/api/runs", Map.of("businessDate", DAY, "sources",
                List.of("pos", "card")), Map.class).getBody();
        String path = "/api/runs/" + run.get("id");
        // The deadline passes.
        jdbc().sql("UPDATE recon_run SET collect_until = ? WHERE id = ?")
                .params(Db.utc(Instant.now().minusSeconds(60)), run.get("id")).update();
        await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().taskName(TASK).count() == 1);

        login("ops", "ops");
        showFilter("All tasks");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(By.linkText(TASK))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".names h2.task"), TASK));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-form] .loader")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));

        assertThat(readOnlyField("Business date")).isEqualTo(DAY);
        assertThat(readOnlyField("Missing")).isEqualTo("card");
        assertThat(browser.findElement(By.cssSelector(".fjs-form-field-textarea textarea")).getDomProperty("value"))
                .startsWith("pos: 1 file, 1 row, the last at ");

        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".fjs-form-field-select .fjs-input-group"))));
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + PROCEED + "']"))));
        WebElement comment = browser.findElement(By.xpath(
                "//div[contains(@class,'fjs-form-field-textarea')][.//label[normalize-space()='Comment']]//textarea"));
        scrollToMiddle(comment);
        comment.sendKeys(COMMENT);
        wait.until(ExpectedConditions.attributeToBe(comment, "value", COMMENT));
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".form-actions button.btn-primary"))));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(TASK)));

        // Matched (archived too, unless other days' records waiting as timing differences came along).
        await().atMost(PATIENCE).until(() -> finance.getJson(path).get("matchedAt") != null);
        Map<String, Object> matched = finance.getJson(path);
        assertThat(matched).containsEntry("matchedWithout", List.of("card"));
        assertThat((List<Map<String, Object>>) matched.get("collectionDecisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("decision", "PROCEED").containsEntry("decidedBy", "ops")
                        .containsEntry("comment", COMMENT));
    }

    private void login(String user, String password) {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form[name='signinForm'] input[type='text']")));
        username.sendKeys(user);
        browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(password);
        browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
    }

    /** Operations may read every filter; the task shows in the catch-all one. */
    private void showFilter(String name) {
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'task-filter ')][contains(normalize-space(.),'" + name + "')]"))));
    }

    private String readOnlyField(String label) {
        By input = By.xpath("//div[contains(@class,'fjs-form-field-textfield')][.//label[normalize-space()='"
                + label + "']]//input");
        wait.until(driver -> !driver.findElement(input).getDomProperty("value").isEmpty());
        WebElement field = browser.findElement(input);
        assertThat(field.isEnabled()).as(label + " is read-only").isFalse();
        return field.getDomProperty("value");
    }

    private void clickInMiddle(WebElement element) {
        scrollToMiddle(element);
        element.click();
    }

    private void scrollToMiddle(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private void saveEvidence(String name) {
        try {
            Files.createDirectories(EVIDENCE);
            Files.write(EVIDENCE.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(EVIDENCE.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the browser's state: " + e);
        }
    }
}
