package com.reconflow.dashboard;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.support.BrowserAppTest;
import com.reconflow.support.Reviews;
import com.reconflow.support.Tasklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium, on {@link DashboardDay}'s hand-written day: log in, see the charts drawn
 * with the day's figures, filter to one channel, drill down from its orders to one order, and read where that
 * order came from (file and line) and the link to its open discrepancy's task in Tasklist. The browser is
 * {@link Tasklist}'s; on failure a screenshot and the page source go to target/browser-test/.
 */
class DashboardBrowserTest extends BrowserAppTest {

    private static final LocalDate DAY = LocalDate.of(2028, 4, 3);

    private Tasklist chromium;
    private WebDriver browser;
    private DashboardDay day;

    @BeforeEach
    void setUp() throws IOException {
        day = DashboardDay.inReview(this, DAY, "DB3");
        chromium = Tasklist.open(port, PATIENCE);
        browser = chromium.browser();
    }

    @AfterEach
    void closeBrowserAndTheDay() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            // The application context is shared with the other H2 tests: leave no open review behind.
            new Reviews(rest()).closeAll(DAY, "CHASE", "Closed after the dashboard browser test");
        }
    }

    @Test
    void financeLogsInReadsTheChartsFiltersDrillsDownAndReadsAnOrdersStory() {
        // Not logged in: the login page, then back to the page asked for, filters and all.
        browser.get(url("/dashboard/?from=" + DAY + "&to=" + DAY));
        WebElement user = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.sendKeys("finance");
        browser.findElement(By.id("password")).sendKeys("finance");
        browser.findElement(By.id("submit")).click();
        awaitLoaded();
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/?from=" + DAY + "&to=" + DAY);

        // Both sales channels, in yuan with thousands separators (the card acquirer's row has its fees, no sales),
        // and the charts drawn with the day's figures.
        assertThat(channelRows()).contains(List.of("门店 POS", "3", "¥1,434.50"), List.of("小程序", "1", "¥2,000.00"))
                .allSatisfy(row -> assertThat(row.get(0)).isIn("门店 POS", "小程序", "银行卡收单"));
        assertThat(seriesTotals("chart-trend")).containsEntry("门店 POS", "1434.50").containsEntry("小程序", "2000.00");
        assertThat(seriesTotals("chart-channels")).containsEntry("销售额", "3434.50");
        // Drawn, not just configured: where ECharts puts the data on the canvas, it painted in the series' colour.
        assertThat(paintedAt("chart-trend", "门店 POS", DAY.toString())).as("POS on the trend's canvas").isTrue();
        assertThat(paintedAt("chart-channels", "销售额", "门店 POS")).as("POS's sales bar on the canvas").isTrue();
        assertThat(browser.findElement(By.id("alerts-by-code")).getText()).contains("金额不符", "¥10.00");

        // One channel.
        new Select(browser.findElement(By.id("filter-source"))).selectByValue("pos");
        browser.findElement(By.id("filter-apply")).click();
        chromium.await().until(d -> channelRows().size() == 1);
        assertThat(channelRows()).containsExactly(List.of("门店 POS", "3", "¥1,434.50"));
        assertThat(seriesTotals("chart-trend")).containsOnlyKeys("门店 POS");

        // Its orders: the three of the day, each with its file and line.
        browser.findElement(By.cssSelector("#channels tr.channel td:nth-child(2) a")).click();
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#records-table")));
        assertThat(browser.findElements(By.cssSelector("#records-table tr.record-row td:nth-child(4)")).stream()
                .map(WebElement::getText).toList()).containsExactly(day.order(1), day.order(2), day.order(3));
        assertThat(browser.findElements(By.cssSelector("#records-table .origin")).stream().map(WebElement::getText)
                .toList()).containsExactly(day.posFile() + " 第 2 行", day.posFile() + " 第 3 行",
                day.posFile() + " 第 4 行");

        // One order's story: its origin, file and line.
        browser.findElement(By.linkText(day.order(2))).click();
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".record[data-kind='ORDER']")));
        WebElement order = browser.findElement(By.cssSelector(".record[data-kind='ORDER']"));
        WebElement origin = order.findElement(By.cssSelector(".origin"));
        assertThat(origin.getDomAttribute("data-file")).isEqualTo(day.posFile());
        assertThat(origin.getDomAttribute("data-line")).isEqualTo("3");
        assertThat(origin.getText()).isEqualTo(day.posFile() + " 第 3 行");
        assertThat(order.getText()).contains("¥1,234.50", "一对一");

        // The order with the open discrepancy links its task in Tasklist.
        String taskId = (String) day.reviewTasks().get(0).get("id");
        browser.get(url("/dashboard/order.html?orderNo=" + day.order(3)));
        WebElement task = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.task-link")));
        assertThat(task.getDomAttribute("href")).isEqualTo("/camunda/app/tasklist/default/#/?task=" + taskId);

        // The search box finds an order by its number.
        WebElement search = browser.findElement(By.id("search-q"));
        search.sendKeys(day.order(4));
        browser.findElement(By.id("search-go")).click();
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#records-table")));
        assertThat(browser.findElements(By.cssSelector("#records-table tr.record-row td:nth-child(4)")).stream()
                .map(WebElement::getText).toList()).contains(day.order(4));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void awaitLoaded() {
        chromium.await().until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);
    }

    /** Each channel's name, order count and gross sales as the table shows them. */
    private List<List<String>> channelRows() {
        return browser.findElements(By.cssSelector("#channels tr.channel")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().limit(3).map(WebElement::getText).toList())
                .toList();
    }

    /** Each series of a chart with the sum of its data, as ECharts holds them (to the cent). */
    @SuppressWarnings("unchecked")
    private Map<String, String> seriesTotals(String chartId) {
        return (Map<String, String>) ((JavascriptExecutor) browser).executeScript("""
                const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                const totals = {};
                for (const s of chart.getOption().series) {
                  const cents = s.data.reduce((sum, v) => sum + (v === null ? 0 : Math.round(Number(v) * 100)), 0);
                  totals[s.name] = (cents / 100).toFixed(2);
                }
                return totals;""", chartId);
    }

    /**
     * Whether the chart's canvas shows the series' colour where ECharts laid out the series' item for the category
     * (a line's symbol, the middle of a bar): proof that the data was drawn, not only handed to the chart.
     */
    private boolean paintedAt(String chartId, String seriesName, String category) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("""
                const dom = document.getElementById(arguments[0]);
                const chart = echarts.getInstanceByDom(dom);
                const option = chart.getOption();
                const seriesIndex = option.series.findIndex(s => s.name === arguments[1]);
                const dataIndex = option.xAxis[0].data.indexOf(arguments[2]);
                // Where ECharts laid the item out: a bar's rectangle (whose middle we look at), else (a line's
                // point, on its category) where the value falls.
                const bar = chart.getModel().getSeriesByIndex(seriesIndex).getData().getItemLayout(dataIndex);
                const [x, y] = bar && bar.width !== undefined ? [bar.x + bar.width / 2, bar.y + bar.height / 2]
                    : chart.convertToPixel({ seriesIndex }, [dataIndex, option.series[seriesIndex].data[dataIndex]]);
                const hex = chart.getVisual({ seriesIndex, dataIndex }, 'color');
                const want = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
                const canvas = dom.querySelector('canvas');
                const ratio = canvas.width / dom.clientWidth;
                const box = canvas.getContext('2d').getImageData(Math.round((x - 4) * ratio),
                    Math.round((y - 4) * ratio), Math.round(9 * ratio), Math.round(12 * ratio)).data;
                for (let i = 0; i < box.length; i += 4) {
                  if (Math.abs(box[i] - want[0]) < 8 && Math.abs(box[i + 1] - want[1]) < 8
                      && Math.abs(box[i + 2] - want[2]) < 8 && box[i + 3] > 200) return true;
                }
                return false;""", chartId, seriesName, category);
    }
}
