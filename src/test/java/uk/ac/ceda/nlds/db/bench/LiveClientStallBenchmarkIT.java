package uk.ac.ceda.nlds.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stall benchmark at a small N after {@code package}: the client worked throughout and no
 * statement of it failed (clients wait for the migration's locks, they are not refused), the lock
 * sampler saw the tables the revisions rewrite, and the block lands between its label's markers.
 * Its times are not checked.
 */
class LiveClientStallBenchmarkIT {

    private static final long ROWS = 2_000;

    @TempDir
    Path work;

    @Test
    void theClientWorksThroughTheMigrationWithoutAFailureAndTheReportLandsBetweenItsMarkers() throws Exception {
        LiveClientStallBenchmark.Result result = new LiveClientStallBenchmark().run(ROWS, "it",
                Path.of("target/nlds-db.jar"), work, "256m");

        assertThat(result.operations()).isPositive();
        assertThat(result.failed()).as(result.markdown()).isZero();
        // a table rewrite holds ACCESS EXCLUSIVE for at least the statement that rewrites it
        assertThat(result.monitor().values()).extracting(ExclusiveLockSampler.Longest::table).contains("sub_record");
        assertThat(result.markdown()).contains("| client operations | failed | longest stall ms | p99 ms | p50 ms |");

        Path file = work.resolve("BENCHMARKS.md");
        Files.writeString(file, "analysis above\n<!-- bench:stall:it:start -->\nold\n<!-- bench:stall:it:end -->\nanalysis below\n");
        LiveClientStallBenchmark.writeInto(file, "it", result.markdown());
        assertThat(Files.readString(file)).contains("analysis above", "analysis below", result.markdown())
                .doesNotContain("\nold\n");
    }
}
