package uk.ac.ceda.nlds.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.config.NldsDbProperties;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;

/**
 * The series Prometheus reads, by the names the README documents, from the board's events alone
 * (no database): {@code MigrationWatchIT} scrapes the same series from a real migration.
 */
class MigrationMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @TempDir
    Path folder;

    @Test
    void beforeAnyNewsEachDatabaseIsPendingWithUnknownRevisionsAndNoFailures() {
        board();

        String scrape = registry.scrape();
        assertThat(scrape).contains("nlds_migration_state{database=\"catalog\",state=\"PENDING\"} 1.0",
                "nlds_migration_state{database=\"catalog\",state=\"MIGRATING\"} 0.0",
                "nlds_migration_current_revision{database=\"monitor\"} NaN",
                "nlds_migration_head_revision{database=\"monitor\"} NaN",
                "nlds_migration_step_done_rows{database=\"catalog\"} 0.0",
                "nlds_migration_failures_total{database=\"catalog\"} 0.0",
                "# TYPE nlds_migration_failures_total counter");
    }

    @Test
    void aRunningStepShowsItsRowsAndAFailureCountsOnceForItsDatabase() {
        MigrationStatusBoard board = board();
        ProgressSnapshot step = new ProgressSnapshot("catalog", "V3 (ee82dd99bfc0)", "fill location URLs", 250, 1000,
                Duration.ofSeconds(1));
        board.started(step);
        board.advanced(step);

        assertThat(registry.scrape()).contains("nlds_migration_step_done_rows{database=\"catalog\"} 250.0",
                "nlds_migration_step_total_rows{database=\"catalog\"} 1000.0",
                "nlds_migration_rows_total{database=\"catalog\",revision=\"V3 (ee82dd99bfc0)\"} 250.0");

        board.failed("catalog", "catalog: revision V3 (ee82dd99bfc0) failed", null);
        board.revisionFinished("monitor", "V1 (991b6f8cf6be)", Duration.ofMillis(1500));

        assertThat(registry.scrape()).contains("nlds_migration_failures_total{database=\"catalog\"} 1.0",
                "nlds_migration_failures_total{database=\"monitor\"} 0.0",
                "nlds_migration_state{database=\"catalog\",state=\"FAILED\"} 1.0",
                "nlds_migration_step_done_rows{database=\"catalog\"} 0.0",
                "nlds_migration_revision_duration_seconds_sum{database=\"monitor\",revision=\"V1 (991b6f8cf6be)\"} 1.5");
    }

    private MigrationStatusBoard board() {
        DatabaseTargets targets = new DatabaseTargets(target(NldsDatabase.CATALOG), target(NldsDatabase.MONITOR));
        MigrationStatusBoard board = new MigrationStatusBoard(targets, registry);
        new MigrationMetrics(board).bindTo(registry);
        return board;
    }

    private DatabaseTarget target(NldsDatabase database) {
        NldsDbProperties.Database settings = new NldsDbProperties.Database();
        settings.setUrl("jdbc:sqlite:" + folder.resolve(database.id() + ".db"));
        return DatabaseTarget.resolve(database, settings);
    }
}
