package uk.ac.ceda.nlds.db.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;

/**
 * How close {@code plan}'s estimate comes to the migration it estimates. For each backend: load N
 * files and N sub-records at revision 1 (as {@link MigrationBenchmark} does), run
 * {@code java -jar nlds-db.jar plan --json} as a process, then {@code --migrate-only} on the same
 * pair, and set the plan's estimate per revision (catalog and monitor together) and in total
 * against each revision's {@code execution_time} in Flyway's history and the process's wall time.
 * Writes its table between its own markers in BENCHMARKS.md.
 *
 * <p>System properties as {@link MigrationBenchmark}'s: {@code bench.rows} (100000; a comma-separated list
 * measures each size in turn, into one table),
 * {@code bench.backends}, {@code bench.xmx}, {@code bench.jar}, {@code bench.workDir},
 * {@code bench.output}. Run it with {@code ./mvnw -B -Pbench verify -Dbench.main=}this class.
 */
public final class PlanAccuracyBenchmark {

    static final String START = "<!-- bench:plan-accuracy:start -->";
    static final String END = "<!-- bench:plan-accuracy:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlanAccuracyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = Arrays.stream(System.getProperty("bench.rows", "100000").split(","))
                .map(String::trim).map(Long::valueOf).toList();
        List<Backend> backends = MigrationBenchmark.backends(System.getProperty("bench.backends", "postgresql,sqlite"));
        Path jar = Path.of(System.getProperty("bench.jar", "target/nlds-db.jar"));
        Path workDir = Files.createDirectories(Path.of(System.getProperty("bench.workDir", "target/bench")));
        MeasuredProcess process = new MeasuredProcess(workDir, System.getProperty("bench.xmx", "256m"));
        PostgresDatabases postgres = new PostgresDatabases();
        StringBuilder text = new StringBuilder("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(", N = ").append(sizes.stream().map(String::valueOf).collect(Collectors.joining(" and ")))
                .append(" files and as many sub-records, 1→9, catalog and monitor"
                        + " together. The machine is shared with other engineers' builds and tests while this runs:"
                        + " load average ").append(loadAverage()).append(" at the start.\n\n");
        Machine.describe(backends).forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\n| N | backend | revision | plan's estimate s | measured s | estimate / measured |\n")
                .append("|---|---|---|---:|---:|---:|\n");
        try {
            for (long rows : sizes) {
                for (Backend backend : backends) {
                    measure(backend, rows, process, workDir, postgres, text);
                }
            }
        } finally {
            postgres.drop();
        }
        text.append("\nLoad average at the end: ").append(loadAverage()).append(".\n");
        System.out.println(text);
        writeInto(Path.of(System.getProperty("bench.output", "BENCHMARKS.md")), text.toString());
    }

    private static void measure(Backend backend, long rows, MeasuredProcess process, Path workDir,
            PostgresDatabases postgres, StringBuilder text) throws Exception {
        String name = "plan-" + backend.name().toLowerCase(Locale.ROOT);
        DatabasePair pair = MigrationBenchmark.pairAtRevision1(backend, workDir.resolve(name), postgres);
        MigrationBenchmark.load(pair, rows);
        MeasuredProcess.Measured planRun = process.runJar(jar(), List.of("plan", "--json"), pair.environment(),
                name + "-plan");
        JsonNode plan = JSON.readTree(json(planRun.output()));
        MeasuredProcess.Measured migration = process.runJar(jar(), List.of("--migrate-only"), pair.environment(),
                name + "-migrate");
        Map<Integer, Double> measured = MigrationBenchmark.historySeconds(pair);
        Map<Integer, Double> estimated = new TreeMap<>();
        for (JsonNode database : plan.get("databases")) {
            for (JsonNode revision : database.get("revisions")) {
                estimated.merge(revision.get("version").asInt(), revision.get("seconds").asDouble(), Double::sum);
            }
        }
        for (Map.Entry<Integer, Double> revision : measured.entrySet()) {
            row(text, rows, backend, "V" + revision.getKey(), estimated.getOrDefault(revision.getKey(), 0.0),
                    revision.getValue());
        }
        double total = plan.get("seconds").asDouble();
        row(text, rows, backend, "**1→9, history sum**", total, measured.values().stream().mapToDouble(d -> d).sum());
        row(text, rows, backend, "1→9, --migrate-only process (wall)", total, migration.seconds());
        text.append("| ").append(rows).append(" | ").append(backend).append(" | plan itself (process, wall) | | ")
                .append(String.format(Locale.ROOT, "%.2f", planRun.seconds())).append(" | |\n");
        pair.drop();
    }

    private static void row(StringBuilder text, long rows, Backend backend, String what, double estimate,
            double measured) {
        text.append("| ").append(rows).append(" | ").append(backend).append(" | ").append(what).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f | %.2f | %s |", estimate, measured,
                        measured > 0 ? String.format(Locale.ROOT, "%.2f", estimate / measured) : "–"))
                .append('\n');
    }

    private static Path jar() {
        return Path.of(System.getProperty("bench.jar", "target/nlds-db.jar"));
    }

    /** The JSON document in the process's output (the JVM may print warnings around it). */
    private static String json(String output) {
        int start = output.startsWith("{") ? 0 : output.indexOf("\n{") + 1;
        int end = output.lastIndexOf("\n}");
        if (start <= 0 && !output.startsWith("{") || end < start) {
            throw new IllegalStateException("plan printed no JSON:\n" + output);
        }
        return output.substring(start, end + 2);
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1 / 5 / 15 min)";
    }

    private static void writeInto(Path file, String results) throws java.io.IOException {
        String section = START + "\n" + results + END;
        String text = Files.readString(file);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        text = start < 0 || end < start ? text + "\n" + section + "\n"
                : text.substring(0, start) + section + text.substring(end + END.length());
        Files.writeString(file, text);
    }
}
