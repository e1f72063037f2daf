package uk.ac.ceda.nlds.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * The benchmark command at a small N on both backends, after {@code package} built the jar:
 * that it runs, that the raw-SQL bound leaves the same data as the engine (it fails otherwise),
 * and that the table is complete. Its times are not checked.
 */
class MigrationBenchmarkIT {

    private static final long ROWS = 200;
    private static final List<String> STEPS = List.of("load revision-1 data", "V2 (history)", "V3 (history)",
            "V4 (history)", "V5 (history)", "V6 (history)", "V7 (history)", "V8 (history)", "V9 (history)",
            "1→9 history sum", "1→9 --migrate-only process", MigrationBenchmark.IMAGE_PROCESS, "raw-SQL bound (JDBC)",
            MigrationBenchmark.RAW_SIDE_BY_SIDE);
    /** The starts, timed on PostgreSQL only here: the same code on either backend, run once. */
    private static final List<String> START_STEPS = List.of("no-op coordinator check, first call", "no-op coordinator check, second call",
            "no-op coordinator check, as logged by --migrate-only", "no-op --migrate-only process",
            "bare start, same jar", MigrationBenchmark.FRESH_PROCESS, MigrationBenchmark.FIRST_FACTORY,
            MigrationBenchmark.PLAN_SHARE,
            "no-op --migrate-only process, image layout (unpacked jar + AOT cache)",
            MigrationBenchmark.IMAGE_BARE_PREFIX + "image layout (unpacked jar + AOT cache)",
            MigrationBenchmark.IMAGE_CHECK_PREFIX + "image layout (unpacked jar + AOT cache)",
            "0→9 --migrate-only process, empty pair, image layout (unpacked jar + AOT cache)",
            MigrationBenchmark.IMAGE_FRESH_PREFIX + "image layout (unpacked jar + AOT cache)",
            MigrationBenchmark.IMAGE_FACTORY_PREFIX + "image layout (unpacked jar + AOT cache), as logged",
            "no-op --migrate-only process, image layout (unpacked jar + CDS)",
            MigrationBenchmark.IMAGE_BARE_PREFIX + "image layout (unpacked jar + CDS)",
            MigrationBenchmark.IMAGE_CHECK_PREFIX + "image layout (unpacked jar + CDS)",
            "0→9 --migrate-only process, empty pair, image layout (unpacked jar + CDS)",
            MigrationBenchmark.IMAGE_FRESH_PREFIX + "image layout (unpacked jar + CDS)",
            MigrationBenchmark.IMAGE_FACTORY_PREFIX + "image layout (unpacked jar + CDS), as logged");
    /** PostgreSQL also starts once from the schema the original Alembic chain made. */
    private static final List<String> UPSTREAM_STEPS = List.of(
            MigrationBenchmark.UPSTREAM + "load Alembic revision-1 data (COPY, not analysed)",
            MigrationBenchmark.UPSTREAM + "V2 (history)", MigrationBenchmark.UPSTREAM + "V3 (history)",
            MigrationBenchmark.UPSTREAM + "V4 (history)", MigrationBenchmark.UPSTREAM + "V5 (history)",
            MigrationBenchmark.UPSTREAM + "V6 (history)", MigrationBenchmark.UPSTREAM + "V7 (history)",
            MigrationBenchmark.UPSTREAM + "V8 (history)", MigrationBenchmark.UPSTREAM + "V9 (history)",
            MigrationBenchmark.UPSTREAM + "1→9 history sum", MigrationBenchmark.UPSTREAM_PROCESS,
            MigrationBenchmark.UPSTREAM_PLAN);

    @TempDir
    Path work;

    @Test
    void producesACompleteTableOnBothBackendsAndWritesItBetweenTheMarkers() throws Exception {
        ResultTable table = new MigrationBenchmark(ROWS, List.of(Backend.POSTGRESQL, Backend.SQLITE),
                List.of(Backend.SQLITE), "256m", 2, 1,
                Path.of("target/nlds-db.jar"), work).withStartsOn(List.of(Backend.POSTGRESQL))
                // the AOT layout is the test image, already trained for the other process tests; the CDS
                // layout is still prepared here, through the same ImageLayout.prepare
                .withImageLayout(ImageLayout.testImage()).run();

        for (Backend backend : Backend.values()) {
            List<ResultTable.Row> rows = table.rows().stream().filter(r -> r.backend == backend && r.n == ROWS).toList();
            List<String> steps = new java.util.ArrayList<>(STEPS);
            if (backend == Backend.POSTGRESQL) {
                steps.addAll(START_STEPS);
                steps.addAll(UPSTREAM_STEPS);
            }
            assertThat(rows).extracting(r -> r.step).containsExactlyElementsOf(steps);
            // a revision's history time is whole milliseconds, and at this N some take less than one
            assertThat(rows).allSatisfy(r -> assertThat(r.seconds).isGreaterThanOrEqualTo(0.0));
            // as are a factory already warm and, on a fast machine, the plan of an empty database
            assertThat(rows).filteredOn(r -> !r.step.endsWith("(history)") && !r.step.endsWith("as logged"))
                    .allSatisfy(r -> assertThat(r.seconds).isPositive());
            assertThat(rows).filteredOn(r -> r.step.contains("process") || r.step.startsWith("bare"))
                    .allSatisfy(r -> {
                        assertThat(r.peakHeap).isPositive();
                        assertThat(r.liveHeap).isPositive();
                        assertThat(r.rss).isPositive();
                    });
            assertThat(rows).filteredOn(r -> r.step.startsWith("1→9") || r.step.startsWith("0→9")
                    || r.step.startsWith("raw") || r.step.startsWith("no-op --") || r.step.startsWith("bare"))
                    .allSatisfy(r -> assertThat(r.ratio).isPositive());
        }
        // the memory run at 2×N (on SQLite only, to keep this test near a minute)
        assertThat(table.rows()).filteredOn(r -> r.n == 2 * ROWS).singleElement().satisfies(r -> {
            assertThat(r.step).isEqualTo("1→9 --migrate-only process");
            assertThat(r.peakHeap).isPositive();
            assertThat(r.rss).isPositive();
        });
        // three against the raw-SQL bound per backend, SQLite's live set at 2N, PostgreSQL's nine of the starts
        // (three of them as the image runs) and its Alembic-made base's speed against the original chain
        assertThat(table.targets()).hasSize(17).allSatisfy(t -> assertThat(t).matches("(met|MISSED): .*"));

        Path file = work.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nanalysis above\n\n" + ResultTable.START + "\nold\n"
                + ResultTable.END + "\n\nanalysis below\n");
        table.writeInto(file);
        String written = Files.readString(file);
        assertThat(written).contains("analysis above", "analysis below", ResultTable.HEADER).doesNotContain("\nold\n");
        assertThat(written.lines().filter(l -> l.startsWith("| " + ROWS + " ") || l.startsWith("| " + 2 * ROWS + " ")))
                .hasSize(table.rows().size());
    }
}
