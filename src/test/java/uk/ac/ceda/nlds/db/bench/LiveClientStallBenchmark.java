package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;

/**
 * The stall other clients feel while {@code --migrate-only} takes a PostgreSQL pair from revision
 * 1 to 9 at N files: a {@link LiveClient} working every 20 ms throughout (longest operation, 99th
 * percentile, failed statements), and per revision the longest time a table stayed under
 * {@code ACCESS EXCLUSIVE} ({@link ExclusiveLockSampler} on each database). Writes its table into
 * BENCHMARKS.md between the markers of {@code bench.label}.
 *
 * <p>System properties: {@code bench.rows} (N, 1000000), {@code bench.label} (the run's name in
 * BENCHMARKS.md, {@code current}), {@code bench.jar}, {@code bench.workDir}, {@code bench.output},
 * {@code bench.xmx} as for {@link MigrationBenchmark}.
 */
public final class LiveClientStallBenchmark {

    private static final long PERIOD_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        String label = System.getProperty("bench.label", "current");
        Path jar = Path.of(System.getProperty("bench.jar", "target/nlds-db.jar"));
        Path workDir = Files.createDirectories(Path.of(System.getProperty("bench.workDir", "target/bench")));
        String table = new LiveClientStallBenchmark().run(rows, label, jar, workDir,
                System.getProperty("bench.xmx", "256m")).markdown();
        System.out.println(table);
        Path output = Path.of(System.getProperty("bench.output", "BENCHMARKS.md"));
        writeInto(output, label, table);
        System.out.println("written to " + output.toAbsolutePath());
    }

    /** What one run measured, and its block for BENCHMARKS.md. */
    record Result(int operations, int failed, Map<Integer, ExclusiveLockSampler.Longest> catalog,
            Map<Integer, ExclusiveLockSampler.Longest> monitor, String markdown) {
    }

    Result run(long rows, String label, Path jar, Path workDir, String maxHeap) throws Exception {
        PostgresDatabases postgres = new PostgresDatabases();
        try {
            DatabasePair pair = DatabasePair.fresh(Backend.POSTGRESQL, postgres, workDir);
            MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 1);
            MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 1);
            MigrationBenchmark.load(pair, rows);
            MeasuredProcess.Measured migration;
            LiveClient client = LiveClient.start(pair, rows, PERIOD_MILLIS);
            ExclusiveLockSampler catalog = ExclusiveLockSampler.start("catalog", pair.catalog());
            ExclusiveLockSampler monitor = ExclusiveLockSampler.start("monitor", pair.monitor());
            try {
                migration = new MeasuredProcess(workDir, maxHeap).runJar(jar, List.of("--migrate-only"),
                        pair.environment(), "stall-" + label);
            } finally {
                client.close();
                catalog.close();
                monitor.close();
            }
            if (!migration.output().contains("monitor: V1 (991b6f8cf6be) -> V9 (82701862649a)")) {
                throw new IllegalStateException("the migration did not reach V9:\n" + migration.output());
            }
            int failed = client.failures().values().stream().mapToInt(Integer::intValue).sum();
            return new Result(client.latenciesMillis().size(), failed, catalog.longest(), monitor.longest(),
                    report(rows, label, migration.seconds(), client, catalog.longest(), monitor.longest()));
        } finally {
            postgres.drop();
        }
    }

    private static String report(long rows, String label, double seconds, LiveClient client,
            Map<Integer, ExclusiveLockSampler.Longest> catalog, Map<Integer, ExclusiveLockSampler.Longest> monitor) {
        List<Double> latencies = new ArrayList<>(client.latenciesMillis());
        List<Double> sorted = new ArrayList<>(latencies);
        sorted.sort(Double::compare);
        int failed = client.failures().values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder();
        text.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" (").append(label)
                .append("), N = ").append(rows).append(" files, PostgreSQL; `--migrate-only` 1→9 took ")
                .append(fmt(seconds)).append(" s; the machine is shared with other engineers' builds and tests.\n\n");
        text.append("| client operations | failed | longest stall ms | p99 ms | p50 ms |\n|---:|---:|---:|---:|---:|\n");
        text.append("| ").append(latencies.size()).append(" | ").append(failed).append(" | ")
                .append(fmt(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1))).append(" | ")
                .append(fmt(percentile(sorted, 0.99))).append(" | ").append(fmt(percentile(sorted, 0.50))).append(" |\n\n");
        if (failed > 0) {
            client.failures().forEach((what, count) -> text.append("- failed ").append(count).append("×: ")
                    .append(what).append('\n'));
            text.append('\n');
        }
        text.append("| revision | longest ACCESS EXCLUSIVE, catalog | s | longest ACCESS EXCLUSIVE, monitor | s |\n")
                .append("|---|---|---:|---|---:|\n");
        Map<Integer, Boolean> revisions = new TreeMap<>();
        catalog.keySet().forEach(r -> revisions.put(r, true));
        monitor.keySet().forEach(r -> revisions.put(r, true));
        for (int revision : revisions.keySet()) {
            ExclusiveLockSampler.Longest c = catalog.get(revision);
            ExclusiveLockSampler.Longest m = monitor.get(revision);
            text.append("| V").append(revision).append(" | ").append(c == null ? "" : c.table()).append(" | ")
                    .append(c == null ? "" : fmt(c.seconds())).append(" | ").append(m == null ? "" : m.table())
                    .append(" | ").append(m == null ? "" : fmt(m.seconds())).append(" |\n");
        }
        return text.toString();
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Replaces what lies between this label's markers in {@code file}, appending them when absent. */
    static void writeInto(Path file, String label, String table) throws IOException {
        String start = "<!-- bench:stall:" + label + ":start -->";
        String end = "<!-- bench:stall:" + label + ":end -->";
        String text = Files.exists(file) ? Files.readString(file) : "";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        String block = start + "\n" + table + end;
        text = from < 0 || to < from ? text + "\n" + block + "\n" : text.substring(0, from) + block
                + text.substring(to + end.length());
        Files.writeString(file, text);
    }
}
