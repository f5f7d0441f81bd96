package dev.llmservice.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.state.OverrideFileWatcher;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: headless Chromium driven by Selenium ({@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, the Debian packages {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs; without them these tests are skipped with that hint). One browser for the class.
 *
 * <p>The server runs with in-process fake providers (alpha and beta configured, gamma without a key), the admin
 * token, a state file the CLI shares and the decision journal in a real SQLite file, all in a temporary directory.
 * The state file is watched every 100 ms, so that an override the CLI writes reaches the page quickly.
 *
 * <p>Screenshots at 1280x800 (light and dark) and 390x844, one of the scorecard, and the page's weight are written to
 * {@code target/dashboard/} for review.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.admin.token=" + DashboardBrowserTest.ADMIN_TOKEN, "llm.state.poll-interval=100ms"})
@Import({CliRemoteModeTest.FakeProviders.class, DashboardBrowserTest.Variables.class})
class DashboardBrowserTest {

    static final String ADMIN_TOKEN = "admin-token-DISTINCTIVE-pWzKqRvTmX";
    static final String ALPHA_KEY = CliRemoteModeTest.ALPHA_KEY;
    static final String BETA_KEY = CliRemoteModeTest.BETA_KEY;

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path OUTPUT = Path.of("target/dashboard");
    static final Duration WAIT = Duration.ofSeconds(10);

    static final Path DIR;
    static final Path STATE_FILE;
    static final Path JOURNAL;

    static {
        try {
            DIR = Files.createTempDirectory("dashboard-browser-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        STATE_FILE = DIR.resolve("state.json");
        JOURNAL = DIR.resolve("journal.db");
    }

    @DynamicPropertySource
    static void stateFile(DynamicPropertyRegistry registry) {
        registry.add("llm.state.file", STATE_FILE::toString);
    }

    /** The providers alpha, beta and gamma of {@link CliRemoteModeTest.FakeProviders}, the journal in {@link #DIR}. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Variables {

        @Bean
        MutableEnvironment providerVariables() {
            return new MutableEnvironment(Map.of(
                    "LLM_PROVIDERS", "alpha,beta,gamma",
                    "LLM_JOURNAL_URL", "jdbc:sqlite:" + JOURNAL,
                    "ALPHA_API_KEY", ALPHA_KEY,
                    "ALPHA_MODEL", "alpha-large",
                    "BETA_API_KEY", BETA_KEY));
        }
    }

    static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver; "
                        + "bash .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,800",
                    "--user-data-dir=" + Files.createTempDirectory("dashboard-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    FakeVendor vendor;
    @Autowired
    ProviderFactory factory;
    @Autowired
    ProviderRegistry registry;
    @Autowired
    OverrideFileWatcher watcher;
    @Autowired
    List<ProviderType> types;

    String url;
    WebDriverWait wait;

    @BeforeEach
    void page() {
        url = "http://127.0.0.1:" + port;
        wait = new WebDriverWait(browser, WAIT);
        viewport(1280, 800, false);
        // A new tab's session storage: no token from an earlier test.
        browser.get(url + "/");
        browser.executeScript("window.sessionStorage.clear()");
        browser.manage().logs().get(LogType.BROWSER); // drops what earlier tests logged
    }

    @AfterEach
    void restore() {
        vendor.reset();
        for (String name : registry.names()) {
            factory.clearOverride(registry, name);
        }
        watcher.poll();
    }

    // --- the tests ----------------------------------------------------------------------------------------------

    @Test
    void showsTheProvidersAndARecordedDecisionWithoutConsoleErrorsOnAPageOfAtMost300Kb() throws IOException {
        vendor.reply("alpha", CliRemoteModeTest.vote("BUY", 0.9));
        vendor.reply("beta", CliRemoteModeTest.vote("BUY", 0.7));
        String id = consensus();

        open();

        assertThat(text("#provider-alpha")).contains("alpha", "alpha-large", "1.00", "enabled", "closed");
        assertThat(text("#provider-gamma")).contains("not_configured", "GAMMA_API_KEY is not set");
        assertThat(text("#providers .summary")).contains("2 of 3 available", "Spend today");
        WebElement decision = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-" + id)));
        assertThat(decision.getText()).contains("ETH/USDT", "4h", "BUY", "decided", "alpha", "beta", "90 %");
        assertThat(browser.getPageSource()).doesNotContain(ALPHA_KEY, BETA_KEY, ADMIN_TOKEN)
                .doesNotContain(ALPHA_KEY.substring(0, 12));

        decision.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#decision-" + id + " .reasoning"), "the trend says so"));

        long weight = pageWeight();
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("page-weight.txt"), weight + " bytes (uncompressed: the document and every "
                + "script, style sheet and fragment the page loaded)\n");
        assertThat(weight).isBetween(50_000L, 300_000L);

        screenshot("dashboard-1280x800.png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        wait.until(d -> !"rgb(255, 255, 255)".equals(d.findElement(By.tagName("body")).getCssValue("background-color")));
        screenshot("dashboard-dark-1280x800.png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        viewport(390, 844, true);
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth")).intValue() == 390);
        screenshot("dashboard-390x844.png");

        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aDisableClickWithTheAdminTokenChangesTheRowAndTheRestStatus() {
        open();

        browser.findElement(By.cssSelector("#provider-beta button[data-action=disable]")).click();
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token")));
        input.sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#admin-form button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#provider-beta .state"),
                "disabled"));
        assertThat(text("#provider-beta")).contains("(override)");
        assertThat(text("#notice")).isEqualTo("beta disabled");
        assertThat(rest("/api/v1/providers/beta").path("state").asText()).isEqualTo("disabled");
        assertThat(text("#providers .summary")).contains("1 of 3 available");
        Boolean enableOffered = wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#provider-beta button[data-action=enable]")).isEnabled());
        assertThat(enableOffered).isTrue();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aWrongAdminTokenShowsTheRefusalAndChangesNothing() {
        open();

        browser.findElement(By.cssSelector("#provider-alpha button[data-action=disable]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token"))).sendKeys("not-the-token");
        browser.findElement(By.cssSelector("#admin-form button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Refused"));
        assertThat(text("#notice"))
                .isEqualTo("Refused: this operation needs Authorization: Bearer <LLM_ADMIN_TOKEN>");
        assertThat(browser.findElement(By.id("notice")).getAttribute("role")).isEqualTo("alert");
        assertThat(rest("/api/v1/providers/alpha").path("state").asText()).isEqualTo("enabled");
        assertThat(text("#provider-alpha .state")).isEqualTo("enabled");
        // The refused token is forgotten: the next click asks again.
        browser.findElement(By.cssSelector("#provider-alpha button[data-action=disable]")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token"))).isDisplayed())
                .isTrue();
    }

    @Test
    void aProviderDisabledFromTheCliAndANewDecisionAppearWithoutReload() throws IOException {
        vendor.reply("alpha", CliRemoteModeTest.vote("HOLD", 0.6));
        String earlier = consensus();
        open();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));
        browser.executeScript("window.llmSamePage = true");
        browser.findElement(By.cssSelector("#decision-" + earlier + " summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#decision-" + earlier + " .reasoning"), "the trend says so"));

        Cli.Result disabled = new Cli(DIR, types).set("LLM_PROVIDERS", "alpha,beta,gamma")
                .set("LLM_STATE_FILE", STATE_FILE.toString()).set("LLM_JOURNAL", "off").run("--disable", "alpha");
        assertThat(disabled.exitCode()).as(disabled.all()).isZero();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#provider-alpha .state"),
                "disabled"));
        assertThat(text("#provider-alpha")).contains("(override)");

        vendor.reply("beta", CliRemoteModeTest.vote("SELL", 0.8));
        String id = consensus();
        WebElement decision = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-" + id)));
        assertThat(decision.getText()).contains("beta", "SELL");
        // The update kept open the reasoning the reader had opened.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#decision-" + earlier + " .reasoning"), "the trend says so"));
        assertThat(browser.executeScript("return window.llmSamePage === true")).isEqualTo(true);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theScorecardOfAChosenMarketDataFileIsDrawnAndListed() throws IOException {
        vendor.reply("alpha", CliRemoteModeTest.vote("BUY", 0.9));
        vendor.reply("beta", CliRemoteModeTest.vote("SELL", 0.7));
        consensus();
        // The candles the decision was made on and the one after it, which scores it.
        Path candles = DIR.resolve("candles.json");
        Files.writeString(candles, LlmServiceApplicationTest.marketData(61));
        open();

        browser.findElement(By.id("scorecard-file")).sendKeys(candles.toString());
        browser.findElement(By.cssSelector("#scorecard-form button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#scorecard-chart canvas")));
        String result = text("#scorecard-result");
        assertThat(result).contains("ETH/USDT 4h:", "scored", "Hit rate", "Brier", "Cost per hit", "consensus");
        assertThat(browser.findElements(By.cssSelector("#scorecard-result tbody th")))
                .extracting(WebElement::getText).contains("alpha", "beta", "consensus");
        browser.executeScript("document.getElementById('scorecard-h').scrollIntoView()");
        screenshot("scorecard-1280x800.png");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void swaggerUiShowsTheOpenApiDocumentFromTheJar() {
        browser.get(url + "/swagger-ui");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("/api/v1/providers");
        assertThat(consoleErrors()).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    void open() {
        browser.get(url + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-alpha")));
    }

    /**
     * The text of the element {@code css} finds. A live update (server-sent event) may replace the element between
     * finding and reading it: then it is found and read again.
     */
    String text(String css) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Severe browser log entries: script errors, failed requests and Content-Security-Policy violations. */
    List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** What the page weighs uncompressed: the document plus every resource it loaded (Resource Timing). */
    long pageWeight() {
        Object bytes = browser.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                return performance.getEntriesByType('resource')
                    .filter(r => !r.name.includes('/dashboard/events'))
                    .reduce((sum, r) => sum + r.decodedBodySize, nav.decodedBodySize);""");
        return ((Number) bytes).longValue();
    }

    void viewport(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(OUTPUT);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), OUTPUT.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A consensus through the REST API; its journal id. */
    String consensus() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/consensus"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LlmServiceApplicationTest.marketData(60))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body()).path("id").asText();
    }

    JsonNode rest(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + path)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
