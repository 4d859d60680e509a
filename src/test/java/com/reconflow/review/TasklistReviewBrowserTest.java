package com.reconflow.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.demo.DemoFile;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.Reviews;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A newcomer's first review, in a real browser: log into Camunda Tasklist as finance, see the
 * discrepancy tasks of a day, open one, claim it and complete it with the Camunda Form; the
 * decision then shows on the discrepancy in ReconFlow's API.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages (/usr/bin/chromium,
 * /usr/bin/chromedriver). Without them the test fails rather than skips, so CI cannot pass it
 * silently. On failure a screenshot and the page source are written to target/browser-test/.
 */
class TasklistReviewBrowserTest extends H2AppTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path EVIDENCE = Path.of("target", "browser-test");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The end-to-end test uses 2026-11-20 in the same application context and database. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private static final String DECISION_LABEL = "Write off the difference";
    private static final String DECISION = "WRITE_OFF";
    private static final String COMMENT = "Coupon booked twice by the channel; not recoverable (browser test)";
    private static final String APPROVE_LABEL = "Approve: apply the decision";

    @LocalServerPort
    int port;

    private Api finance;
    private Reviews reviews;
    private Long runId;
    private Path browserProfile;
    private WebDriver browser;
    private WebDriverWait wait;

    /** Runs before {@code @AfterEach}, while the browser still shows the page that failed. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            saveEvidence(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeEach
    void startBrowser() throws IOException {
        finance = Api.as(rest(), "finance");
        reviews = new Reviews(rest());
        assertThat(CHROMEDRIVER)
                .as("chromedriver is missing: install the Debian packages chromium and chromium-driver")
                .isExecutable();
        assertThat(CHROMIUM).as("chromium is missing: install the Debian package chromium").isExecutable();
        browserProfile = Files.createTempDirectory("reconflow-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + browserProfile);
        // An explicit driver executable keeps Selenium Manager from looking for (and downloading) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        // Angular re-renders parts of Tasklist while we wait on them.
        wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowserAndCloseTheDay() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (browserProfile != null) {
                FileSystemUtils.deleteRecursively(browserProfile.toFile());
            }
            completeRemainingReviews();
        }
    }

    @Test
    void financeDecidesInTasklistAndAnotherManagerApprovesIt() {
        runId = startRunAndDropTheDaysFiles();
        awaitReviewTasks();

        // A difference above the routing table's approval threshold, in finance's list.
        Map<String, Object> chosen = discrepancies().stream()
                .filter(d -> "finance".equals(d.get("candidateGroup")) && Boolean.TRUE.equals(d.get("secondApproval")))
                .findFirst().orElseThrow(() -> new AssertionError("the demo day has no case for a second approval: "
                        + discrepancies()));
        String taskId = (String) chosen.get("taskId");
        String taskName = (String) finance.getJson("/engine-rest/task/" + taskId).get("name");
        String key = chosen.get("orderNo") != null ? (String) chosen.get("orderNo") : (String) chosen.get("txnId");
        assertThat(taskName).isEqualTo(DAY + " · " + chosen.get("type") + " · " + chosen.get("source") + " " + key
                + " · ¥" + chosen.get("difference"));
        List<String> financeTasks = reviewTasks().stream()
                .filter(t -> "finance".equals(reviews.deciderOf((String) t.get("id"))))
                .map(t -> (String) t.get("name")).toList();

        login("finance", "finance");
        selectFilter("My group's open discrepancies");
        assertThat(waitForTaskList(financeTasks)).containsAll(financeTasks);

        openTask(taskName);
        claim();
        assertThat(readOnlyField("Difference")).isEqualTo(chosen.get("difference"));
        assertThat(readOnlyField("Expected (order)")).isEqualTo(chosen.get("expected"));
        assertThat(readOnlyField("Record's origin (file, line)")).contains(" line ");
        assertThat(readOnlyField("Raised by rule")).isNotBlank();

        chooseDecision(DECISION_LABEL);
        // No comment: the form itself says what is missing, and the task stays open.
        clickInMiddle(browser.findElement(By.cssSelector(".form-actions button.btn-primary")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".fjs-form-field-textarea .fjs-form-field-error")));
        assertThat(finance.getJson("/engine-rest/task/" + taskId).get("id")).isEqualTo(taskId);
        dismissNotifications();
        writeComment(COMMENT);
        complete(taskName);

        String approvalName = "Approve · " + taskName;
        await().atMost(PATIENCE).until(() -> approvalTask(approvalName) != null);
        browser.manage().deleteAllCookies();
        login("manager", "manager");
        selectFilter("Awaiting my approval");
        waitForTaskList(List.of(approvalName));
        openTask(approvalName);
        claim();
        assertThat(readOnlyField("Decision")).isEqualTo(DECISION);
        assertThat(readOnlyField("Decided by")).isEqualTo("finance");
        chooseRadio(APPROVE_LABEL);
        complete(approvalName);

        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(discrepancy(taskId).get("status")));
        Map<String, Object> resolved = discrepancy(taskId);
        assertThat(resolved.get("decision")).isEqualTo(DECISION);
        assertThat(resolved.get("comment")).isEqualTo(COMMENT);
        assertThat(resolved.get("decidedBy")).isEqualTo("finance");
        assertThat(resolved.get("approvedBy")).isEqualTo("manager");
        assertThat(discrepancies()).filteredOn(d -> !taskId.equals(d.get("taskId")))
                .as("only the reviewed discrepancy is closed")
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("status")).isEqualTo("OPEN"));
    }

    // ---- the day under review, over REST --------------------------------------------------------

    @SuppressWarnings("unchecked")
    private long startRunAndDropTheDaysFiles() {
        DemoDay demo = new SyntheticDayGenerator().generate(DAY, 7L);
        List<String> sources = demo.files().stream().map(DemoFile::source).distinct().toList();
        ResponseEntity<Map> started = finance.post("/api/runs",
                Map.of("businessDate", DAY.toString(), "sources", sources), Map.class);
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        long id = ((Number) started.getBody().get("id")).longValue();
        try {
            for (DemoFile file : demo.files()) {
                Path folder = Files.createDirectories(inbox().resolve(file.source()));
                Files.write(folder.resolve(file.fileName()), file.content());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write the demo files into the inbox", e);
        }
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson("/api/runs/" + id).get("status")));
        return id;
    }

    /** Waits until the engine has created a review task per discrepancy of the day. */
    private void awaitReviewTasks() {
        int expected = discrepancies().size();
        assertThat(expected).as("discrepancies of the demo day").isPositive();
        await().atMost(PATIENCE).until(this::reviewTasks, tasks -> tasks.size() == expected);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reviewTasks() {
        return finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey="
                + DAY, List.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> discrepancies() {
        return finance.get("/api/runs/" + runId + "/discrepancies", List.class).getBody();
    }

    private Map<String, Object> discrepancy(String taskId) {
        return discrepancies().stream().filter(d -> taskId.equals(d.get("taskId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no discrepancy linked to task " + taskId));
    }

    /**
     * The application context, and so the engine, is shared with the other H2 tests: leave no open
     * review of this day behind, or they would find tasks they did not make.
     */
    private void completeRemainingReviews() {
        if (runId != null) {
            reviews.closeAll(DAY, "CHASE", "Closed after the browser test");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> approvalTask(String name) {
        List<Map<String, Object>> tasks = Api.as(rest(), "manager").get("/engine-rest/task?taskDefinitionKey="
                + "approveDecision&processInstanceBusinessKey=" + DAY, List.class).getBody();
        return tasks.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElse(null);
    }

    // ---- Tasklist, as a person uses it ----------------------------------------------------------

    private void login(String user, String password) {
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
    private void selectFilter(String name) {
        By filter = By.xpath("//div[contains(@class,'task-filter')][.//a[contains(normalize-space(), \"" + name
                + "\")]]");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(filter)).findElement(By.tagName("a")));
        wait.until(driver -> driver.findElement(filter).getAttribute("class").contains("active"));
    }

    /** The names in the list of the selected filter ("All tasks", created at start-up) once ours show. */
    private List<String> waitForTaskList(List<String> expectedNames) {
        By names = By.cssSelector("ol.tasks-list li.task h4.task a");
        wait.until(driver -> {
            List<String> shown = driver.findElements(names).stream().map(WebElement::getText).toList();
            return shown.containsAll(expectedNames);
        });
        return browser.findElements(names).stream().map(WebElement::getText).toList();
    }

    private void openTask(String taskName) {
        // With a longer list the task may sit under Tasklist's fixed footer.
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(By.linkText(taskName))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".names h2.task"),
                taskName));
    }

    /** Claiming reloads the form, which is disabled until the task is the user's. */
    private void claim() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        waitForForm();
    }

    /**
     * The Camunda Form (form-js) sits under a loading overlay for a moment after the task opens, and
     * stays greyed out ("disabled-form") until the task is the user's: wait for both to go before
     * touching it.
     */
    private void waitForForm() {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasklist-form] .loader")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form .fjs-form-field")));
    }

    /** The value shown by a disabled text field of the form, found by its label. */
    private String readOnlyField(String label) {
        By input = By.xpath("//div[contains(@class,'fjs-form-field-textfield')][.//label[normalize-space()=\""
                + label + "\"]]//input");
        // The values arrive after the fields: wait for one to be filled in.
        wait.until(driver -> !driver.findElement(input).getDomProperty("value").isEmpty());
        WebElement field = browser.findElement(input);
        assertThat(field.isEnabled()).as(label + " is read-only").isFalse();
        return field.getDomProperty("value");
    }

    /** A form-js select is not an HTML select: open its drop-down, then click the item. */
    private void chooseDecision(String label) {
        clickInMiddle(browser.findElement(By.cssSelector(".fjs-form-field-select .fjs-input-group")));
        By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(item)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".fjs-form-field-select .fjs-input-group"), label));
    }

    /** Tasklist's notice of the refused submit lies over the form's buttons until closed. */
    private void dismissNotifications() {
        By close = By.cssSelector(".page-notifications button[ng-click^='removeNotification']");
        wait.until(ExpectedConditions.elementToBeClickable(close)).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(close));
    }

    /** A form-js radio group: click the option's label, then see it chosen. */
    private void chooseRadio(String label) {
        By option = By.xpath("//*[contains(@class,'fjs-form-field-radio')]//label[normalize-space()='" + label + "']");
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(option)));
        wait.until(driver -> driver.findElements(By.cssSelector(".fjs-form-field-radio input[type='radio']")).stream()
                .anyMatch(WebElement::isSelected));
    }

    private void writeComment(String comment) {
        WebElement textarea = browser.findElement(By.cssSelector(".fjs-form-field-textarea textarea"));
        scrollToMiddle(textarea);
        textarea.sendKeys(comment);
        wait.until(ExpectedConditions.attributeToBe(textarea, "value", comment));
    }

    /** Tasklist closes the task and drops it from the list once the engine has completed it. */
    private void complete(String taskName) {
        clickInMiddle(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".form-actions button.btn-primary"))));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(taskName)));
    }

    /**
     * The form scrolls inside its own pane, and Tasklist's fixed footer covers the bottom of it: an
     * element there is "visible" to WebDriver yet the footer would take the click. Scroll it to the
     * middle of the pane first.
     */
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
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(EVIDENCE.resolve(name + ".png"), png);
            Files.writeString(EVIDENCE.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the browser's state: " + e);
        }
    }
}
