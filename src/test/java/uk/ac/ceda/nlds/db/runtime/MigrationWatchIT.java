package uk.ac.ceda.nlds.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.HeadlessChromium;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.PrometheusScrape;
import uk.ac.ceda.nlds.db.testsupport.ServiceProcess;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * What an operator watching a migration sees, on each backend: the status page {@code /migrations}
 * in a real browser (headless Chromium) and the Prometheus scrape {@code /actuator/prometheus},
 * while the test-only revision V10 holds the catalog's migration at 40 and then 70 of 100 rows,
 * and after it reaches head; and a failed migration's error on both.
 */
class MigrationWatchIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String SECRET = "s3cret-pw";
    private static final Path SCREENSHOTS = Path.of("target/status-page");

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    private static WebDriver browser;

    @TempDir
    Path folder;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) throws Exception {
        browser = HeadlessChromium.start(profile);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void thePageAndTheScrapeFollowASlowMigrationToHead(Backend backend) throws Exception {
        Path halfway = folder.resolve("halfway");
        Path signal = folder.resolve("signal");
        try (ServiceProcess service = ServiceProcess.start(folder, databases(backend),
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.slow.migration",
                // the plan rehearses each pending revision's data step, and this one waits for the signal
                "--nlds.migration.plan-first=false",
                "--nlds.test.halfway-signal-file=" + halfway, "--nlds.test.signal-file=" + signal)) {
            service.await("/actuator/health/liveness", r -> r.status() == 200, STARTUP);
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(service.managementUrl() + "/migrations");

            awaitProgress(40);
            assertThat(text("catalog", ".state")).isEqualTo("MIGRATING");
            assertThat(text("catalog", "dl")).contains(backend.name()).contains("V9 (82701862649a)").contains("V10");
            assertThat(text("catalog", ".running")).contains("V10 (0000000000aa)").contains("waiting for the test's signal")
                    .contains("40 of 100 rows (40%)").contains("rows/s");
            assertThat(text("catalog", "ul.pending")).isEqualTo("V10 (0000000000aa)");
            // the monitor migrates beside the catalog, which is held by the test: it gets to head meanwhile
            new WebDriverWait(browser, STARTUP).until(b -> "UP_TO_DATE".equals(text("monitor", ".state")));
            assertThat(text("catalog", ".state")).isEqualTo("MIGRATING");
            PrometheusScrape migrating = PrometheusScrape.of(service);
            assertThat(migrating.value("nlds_migration_state{database=\"catalog\",state=\"MIGRATING\"}")).isEqualTo(1);
            assertThat(migrating.value("nlds_migration_state{database=\"catalog\",state=\"UP_TO_DATE\"}")).isEqualTo(0);
            assertThat(migrating.value("nlds_migration_state{database=\"monitor\",state=\"UP_TO_DATE\"}")).isEqualTo(1);
            assertThat(migrating.value("nlds_migration_current_revision{database=\"catalog\"}")).isEqualTo(9);
            assertThat(migrating.value("nlds_migration_head_revision{database=\"catalog\"}")).isEqualTo(10);
            assertThat(migrating.value("nlds_migration_step_done_rows{database=\"catalog\"}")).isEqualTo(40);
            assertThat(migrating.value("nlds_migration_step_total_rows{database=\"catalog\"}")).isEqualTo(100);
            assertThat(migrating.value("nlds_migration_revision_duration_seconds_count{database=\"catalog\","
                    + "revision=\"V9 (82701862649a)\"}")).isEqualTo(1);
            assertThat(migrating.value("nlds_migration_failures_total{database=\"catalog\"}")).isEqualTo(0);

            Files.createFile(halfway);
            awaitProgress(70);
            assertThat(PrometheusScrape.of(service).value("nlds_migration_step_done_rows{database=\"catalog\"}"))
                    .isEqualTo(70);
            screenshot(backend.name().toLowerCase() + "-migrating.png");

            Files.createFile(signal);
            new WebDriverWait(browser, STARTUP).until(b -> states().equals(List.of("UP_TO_DATE", "UP_TO_DATE")));
            assertThat(text("catalog", ".running")).isNull();
            assertThat(text("catalog", ".version")).isEqualTo("V10 (0000000000aa)");
            assertThat(text("catalog", "table.applied")).contains("V10 (0000000000aa)").contains("Wait for signal")
                    .contains("V1 (991b6f8cf6be)");
            assertThat(text("catalog", "dl")).doesNotContain(SECRET);
            assertThat(browser.getPageSource()).doesNotContain(SECRET);
            PrometheusScrape done = PrometheusScrape.of(service);
            assertThat(done.value("nlds_migration_state{database=\"catalog\",state=\"UP_TO_DATE\"}")).isEqualTo(1);
            assertThat(done.value("nlds_migration_state{database=\"catalog\",state=\"MIGRATING\"}")).isEqualTo(0);
            assertThat(done.value("nlds_migration_state{database=\"monitor\",state=\"UP_TO_DATE\"}")).isEqualTo(1);
            assertThat(done.value("nlds_migration_current_revision{database=\"catalog\"}")).isEqualTo(10);
            assertThat(done.value("nlds_migration_current_revision{database=\"monitor\"}")).isEqualTo(9);
            assertThat(done.value("nlds_migration_head_revision{database=\"monitor\"}")).isEqualTo(9);
            assertThat(done.value("nlds_migration_step_done_rows{database=\"catalog\"}")).isEqualTo(0);
            assertThat(done.value("nlds_migration_rows_total{database=\"catalog\",revision=\"V10 (0000000000aa)\"}"))
                    .isEqualTo(100);
            assertThat(done.value("nlds_migration_revision_duration_seconds_count{database=\"catalog\","
                    + "revision=\"V10 (0000000000aa)\"}")).isEqualTo(1);
            assertThat(done.value("nlds_migration_revision_duration_seconds_sum{database=\"catalog\","
                    + "revision=\"V10 (0000000000aa)\"}")).isPositive();
            assertThat(done.text()).doesNotContain(SECRET);
            screenshot(backend.name().toLowerCase() + "-at-head.png");

            assertThat(resourcesFetched()).as("the page talks to this service only")
                    .allMatch(url -> url.startsWith(service.managementUrl() + "/"));
            browser.manage().window().setSize(new Dimension(390, 844));
            assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling on a phone").isTrue();
            screenshot(backend.name().toLowerCase() + "-phone.png");
        }
    }

    @Test
    void aFailedMigrationShowsItsErrorInFullAndCountsTheFailure() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(folder, Map.of(), "--nlds.migration.fail-fast=false",
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.failing.migration")) {
            service.await("/actuator/health/liveness", r -> r.status() == 200, STARTUP);
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(service.managementUrl() + "/migrations");

            new WebDriverWait(browser, STARTUP).until(b -> states().contains("FAILED"));
            assertThat(text("catalog", ".state")).isEqualTo("FAILED");
            assertThat(text("catalog", "pre.error")).isEqualTo("catalog: revision V10 (0000000000bb) failed, the database"
                    + " is at V9 (82701862649a): test revision failed after changing the schema");
            assertThat(text("catalog", ".version")).isEqualTo("V9 (82701862649a)");
            assertThat(text("catalog", "ul.pending")).isEqualTo("V10 (0000000000bb)");
            assertThat(text("catalog", ".running")).as("nothing runs any more").isNull();
            screenshot("failed.png");

            PrometheusScrape scrape = PrometheusScrape.of(service);
            assertThat(scrape.value("nlds_migration_failures_total{database=\"catalog\"}")).isEqualTo(1);
            assertThat(scrape.value("nlds_migration_state{database=\"catalog\",state=\"FAILED\"}")).isEqualTo(1);
            assertThat(scrape.value("nlds_migration_current_revision{database=\"catalog\"}")).isEqualTo(9);
        }
    }

    private Map<String, String> databases(Backend backend) {
        Map<String, String> environment = new HashMap<>();
        if (backend == Backend.POSTGRESQL) {
            TestDatabase catalog = postgres.create();
            TestDatabase monitor = postgres.create();
            environment.put("NLDS_DB_CATALOG_URL", catalog.url() + "&password=" + SECRET);
            environment.put("NLDS_DB_MONITOR_URL", monitor.url());
        }
        return environment;
    }

    /** Waits until the catalog's progress bar shows {@code percent}, and its fill is that wide. */
    private static void awaitProgress(int percent) {
        new WebDriverWait(browser, STARTUP).until(b -> String.valueOf(percent).equals(script(
                "const bar = document.querySelector('[data-database=catalog] [role=progressbar]');"
                        + " return bar && bar.getAttribute('aria-valuenow');")));
        assertThat(script("return document.querySelector('[data-database=catalog] .fill').style.width"))
                .isEqualTo(percent + "%");
    }

    @SuppressWarnings("unchecked")
    private static List<String> states() {
        return (List<String>) script("return [...document.querySelectorAll('.db .state')].map(e => e.innerText)");
    }

    /**
     * The text of {@code selector} in the card of {@code database}, or null when there is none. Read
     * in one script: the page redraws its cards on every poll, so element handles go stale.
     */
    private static String text(String database, String selector) {
        return (String) script("const e = document.querySelector('[data-database=" + database + "] " + selector + "');"
                + " return e ? e.innerText : null;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesFetched() {
        return (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name));");
    }

    private static Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
