package uk.ac.ceda.nlds.db.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.config.NldsDbProperties;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.EntityModelCheck;
import uk.ac.ceda.nlds.db.startup.MigrationCoordinator;
import uk.ac.ceda.nlds.db.startup.MigrationStateListener;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.PostgresServer;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Migration time and memory on a large NLDS database pair, against the raw-SQL bound. For each
 * backend: load N files and N sub-records at revision 1, time {@code java -jar nlds-db.jar
 * --migrate-only} (whole process and per revision from the Flyway history), the same as the
 * container image runs it ({@link ImageLayout}) and the raw-SQL bound, each on an identical copy,
 * check all left the same data, time the no-op path against a bare start,
 * then migrate 4×N under the same heap limit. On PostgreSQL also 1→9 from the schema the original
 * Alembic chain made, restored with COPY and not analysed ({@link UpstreamBase}), against that
 * chain's time. Prints the table and writes it into BENCHMARKS.md.
 *
 * <p>System properties: {@code bench.rows} (N, default 100000), {@code bench.backends}
 * ({@code postgresql,sqlite}), {@code bench.memoryBackends} (the same), {@code bench.xmx} (heap limit of every jar run, 256m),
 * {@code bench.memoryFactor} (4; 0 skips the memory run), {@code bench.repeats} (no-op and bare
 * start runs, median taken, 3), {@code bench.jar} (target/nlds-db.jar), {@code bench.output}
 * (BENCHMARKS.md), {@code bench.workDir} (target/bench), {@code bench.upstream} (true: the Alembic-made base),
 * {@code bench.startBackends} (every backend: where the no-op, bare, fresh-install and image-layout starts are timed),
 * {@code bench.groupings} (say {@code none,sqlite/false,sqlite}: each an {@code nlds.migration.group} value with
 * an optional {@code /} and {@code nlds.migration.defer-rebuilds} value; when set, each backend times 1→9 on its own
 * copy per setting, alternating (each round starting with the next), {@code bench.groupingRounds} rounds (1),
 * against the raw-SQL bound timed again in each round, and nothing else). PostgreSQL comes from
 * {@code NLDS_TEST_POSTGRES_URL}, as in the tests.
 */
public final class MigrationBenchmark {

    private static final Pattern COORDINATOR_READY =
            Pattern.compile("catalog and monitor at head and matching the entity model \\((\\d+) ms\\)");

    /** Each revision's entity factory and the coordinator's plan log their own time at DEBUG. */
    private static final List<String> TIMINGS = List.of(
            "--logging.level.uk.ac.ceda.nlds.db.migration.RevisionEntities=DEBUG",
            "--logging.level.uk.ac.ceda.nlds.db.startup.MigrationCoordinator=DEBUG");
    private static final Pattern ENTITIES_READY = Pattern.compile("entities \\[.*?\\] ready in (\\d+) ms \\(built\\)");
    private static final Pattern PLANNED = Pattern.compile(": planned in (\\d+) ms");

    static final String RAW_SIDE_BY_SIDE = "raw-SQL bound, both databases side by side (JDBC)";
    static final String IMAGE_PROCESS = "1→9 --migrate-only process, image layout (unpacked jar + AOT cache)";
    static final String FRESH_PROCESS = "0→9 --migrate-only process, empty pair (fresh install)";
    /** Goal 2: Hibernate's first start in a fresh install, as its log shows it ({@link #hibernateFirstStartMillis}). */
    static final String FIRST_FACTORY = "fresh install: slowest entity factory (Hibernate's first start), as logged";
    static final String PLAN_SHARE = "fresh install: plan before migrating, the longer of the two side by side, as logged";
    /** Goals 2 and 5 where the service is deployed: the image's layout, followed by its words. */
    static final String IMAGE_FACTORY_PREFIX = "fresh install: slowest entity factory (Hibernate's first start), ";
    static final String IMAGE_CHECK_PREFIX = "no-op coordinator check, as logged by --migrate-only, ";
    /** Goal 1 where the service is deployed: the image's fresh install against the image's own bare start. */
    static final String IMAGE_BARE_PREFIX = "bare start, ";
    static final String IMAGE_FRESH_PREFIX = "fresh install against the same layout's bare start, ";
    /** Steps of the scenario that starts from the original Alembic chain's revision 1 ({@link UpstreamBase}). */
    static final String UPSTREAM = "Alembic-made base: ";
    /** Its plan before migrating (for a database with rows, the rehearsal, and with it Hibernate's first start). */
    static final String UPSTREAM_PLAN = UPSTREAM + "plan before migrating, the longer of the two side by side, as logged";
    static final String UPSTREAM_PROCESS = UPSTREAM + "1→9 --migrate-only process";

    private final long rows;
    private final List<Backend> backends;
    private final List<Backend> memoryBackends;
    private final int memoryFactor;
    private final int repeats;
    private final Path jar;
    private final Path workDir;
    private final MeasuredProcess process;
    private final String maxHeap;
    private final PostgresDatabases postgres = new PostgresDatabases();
    private final Map<ImageLayout.Cache, ImageLayout> imageLayouts = new java.util.EnumMap<>(ImageLayout.Cache.class);
    private boolean upstream = Boolean.parseBoolean(System.getProperty("bench.upstream", "true"));
    /** {@code bench.groupings}: grouping settings to compare instead of the full run (empty: the full run). */
    private final List<String> groupings = Arrays.stream(System.getProperty("bench.groupings", "").split(","))
            .map(String::trim).filter(g -> !g.isEmpty()).toList();
    private final int groupingRounds = Integer.getInteger("bench.groupingRounds", 1);
    /** {@code bench.startBackends}: where the starts are timed (no-op, bare, fresh install, image layouts); null: every backend. */
    private List<Backend> startBackends = System.getProperty("bench.startBackends") == null ? null
            : backends(System.getProperty("bench.startBackends"));

    /** Uses {@code layout} for its cache's rows instead of preparing one (the smoke check's, {@link ImageLayout#testImage()}). */
    MigrationBenchmark withImageLayout(ImageLayout layout) {
        imageLayouts.put(layout.cache(), layout);
        return this;
    }

    /**
     * Times the starts (the no-op path against a bare start, the fresh install, the image layouts)
     * on {@code backends} only: a start is the same code on either backend, and the smoke check runs
     * each path once.
     */
    MigrationBenchmark withStartsOn(List<Backend> backends) {
        this.startBackends = backends;
        return this;
    }

    /** Whether the run includes the Alembic-made base ({@code bench.upstream}, true; PostgreSQL only). */
    MigrationBenchmark withUpstreamBase(boolean include) {
        this.upstream = include;
        return this;
    }

    MigrationBenchmark(long rows, List<Backend> backends, List<Backend> memoryBackends, String maxHeap,
            int memoryFactor, int repeats, Path jar, Path workDir) {
        this.rows = rows;
        this.backends = backends;
        this.memoryBackends = memoryBackends;
        this.maxHeap = maxHeap;
        this.memoryFactor = memoryFactor;
        this.repeats = repeats;
        this.jar = jar;
        this.workDir = workDir;
        this.process = new MeasuredProcess(workDir, maxHeap);
    }

    public static void main(String[] args) throws Exception {
        List<Backend> backends = backends(System.getProperty("bench.backends", "postgresql,sqlite"));
        MigrationBenchmark benchmark = new MigrationBenchmark(Long.getLong("bench.rows", 100_000), backends,
                backends(System.getProperty("bench.memoryBackends", System.getProperty("bench.backends",
                        "postgresql,sqlite"))),
                System.getProperty("bench.xmx", "256m"), Integer.getInteger("bench.memoryFactor", 4),
                Integer.getInteger("bench.repeats", 3), Path.of(System.getProperty("bench.jar", "target/nlds-db.jar")),
                Path.of(System.getProperty("bench.workDir", "target/bench")));
        ResultTable table = benchmark.run();
        Path output = Path.of(System.getProperty("bench.output", "BENCHMARKS.md"));
        System.out.println(table.markdown());
        table.writeInto(output, System.getProperty("bench.section", "results"));
        System.out.println("written to " + output.toAbsolutePath());
    }

    static List<Backend> backends(String names) {
        return Arrays.stream(names.split(",")).map(s -> Backend.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)))
                .toList();
    }

    ResultTable run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first with ./mvnw -B -DskipTests package");
        }
        Files.createDirectories(workDir);
        ResultTable table = new ResultTable(rows, maxHeap, Machine.describe(backends));
        try {
            for (Backend backend : backends) {
                measure(backend, table);
            }
            if (upstream && backends.contains(Backend.POSTGRESQL)) {
                measureUpstreamBase(table);
            }
            for (Backend backend : memoryBackends) {
                if (memoryFactor > 0) {
                    measureMemory(backend, table);
                }
            }
        } finally {
            postgres.drop();
        }
        return table;
    }

    private void measure(Backend backend, ResultTable table) throws Exception {
        String name = backend.name().toLowerCase(java.util.Locale.ROOT);
        DatabasePair engine = pairAtRevision1(backend, name);
        double load = load(engine, rows);
        table.add(rows, backend, "load revision-1 data", load, new BenchmarkData(rows).totalRows() / load);
        DatabasePair raw = engine.copy(postgres, workDir.resolve(name + "-raw"));
        if (!groupings.isEmpty()) {
            compareGroupings(backend, name, engine, raw, table);
            return;
        }
        DatabasePair imageCopy = engine.copy(postgres, workDir.resolve(name + "-image"));
        DatabasePair rawSideBySide = engine.copy(postgres, workDir.resolve(name + "-raw-side-by-side"));

        MeasuredProcess.Measured migration = process.runJar(jar, List.of("--migrate-only"), engine.environment(),
                name + "-migrate");
        MeasuredProcess.Measured imageMigration = process.run(imageLayout(ImageLayout.Cache.AOT).javaArguments("--migrate-only"),
                imageCopy.environment(), name + "-image-migrate");
        Map<Integer, Double> perRevision = historySeconds(engine);
        double rawSeconds = RawSqlBound.oneAfterTheOther(raw, backend);
        double rawSideBySideSeconds = RawSqlBound.sideBySide(rawSideBySide, backend);
        DataSummary.requireSame(engine, raw);
        DataSummary.requireSame(rawSideBySide, raw);
        rawSideBySide.drop();
        DataSummary.requireSame(imageCopy, raw);
        imageCopy.drop();

        // Flyway records milliseconds: a revision faster than that (V6 on SQLite) shows 0 and no rate
        perRevision.forEach((version, seconds) -> table.add(rows, backend, "V" + version + " (history)", seconds,
                seconds > 0 ? rows / seconds : null));
        double historySum = perRevision.values().stream().mapToDouble(Double::doubleValue).sum();
        table.add(rows, backend, "1→9 history sum", historySum, rows / historySum).ratio(historySum / rawSeconds, "raw");
        table.add(rows, backend, "1→9 --migrate-only process", migration.seconds(), rows / migration.seconds())
                .ratio(migration.seconds() / rawSeconds, "raw").memory(migration);
        table.add(rows, backend, IMAGE_PROCESS, imageMigration.seconds(), rows / imageMigration.seconds())
                .ratio(imageMigration.seconds() / rawSeconds, "raw").memory(imageMigration);
        table.add(rows, backend, "raw-SQL bound (JDBC)", rawSeconds, rows / rawSeconds).ratio(1, "raw");
        // the engine migrates the two databases side by side; the bound above runs them one after the other
        table.add(rows, backend, RAW_SIDE_BY_SIDE, rawSideBySideSeconds, rows / rawSideBySideSeconds)
                .ratio(rawSideBySideSeconds / rawSeconds, "raw");

        if (startBackends == null || startBackends.contains(backend)) {
            measureNoOp(backend, name, engine, table);
        }
    }

    /**
     * Issue 18, goal 4: 1→9 with each grouping setting, each on its own copy of the loaded pair, the
     * settings alternating within a round, against the raw-SQL bound on another copy.
     */
    private void compareGroupings(Backend backend, String name, DatabasePair loaded, DatabasePair raw,
            ResultTable table) throws Exception {
        double rawSeconds = 0;
        for (int round = 1; round <= groupingRounds; round++) {
            // the bound again in every round, on its own copy: the machine's load changes between rounds
            DatabasePair bound = round == 1 ? raw : loaded.copy(postgres, workDir.resolve(name + "-raw-" + round));
            rawSeconds = RawSqlBound.oneAfterTheOther(bound, backend);
            table.add(rows, backend, "round " + round + ": raw-SQL bound (JDBC)", rawSeconds, rows / rawSeconds)
                    .ratio(1, "raw");
            for (int i = 0; i < groupings.size(); i++) {
                // each round starts with the next setting, so none always runs first
                String grouping = groupings.get((i + round - 1) % groupings.size());
                String[] parts = grouping.split("/");
                List<String> args = new ArrayList<>(List.of("--migrate-only", "--nlds.migration.group=" + parts[0]));
                if (parts.length > 1) {
                    args.add("--nlds.migration.defer-rebuilds=" + parts[1]);
                }
                String label = "group " + grouping + ", round " + round + ": ";
                String dir = name + "-group-" + grouping.replace('/', '-') + "-" + round;
                DatabasePair copy = loaded.copy(postgres, workDir.resolve(dir));
                MeasuredProcess.Measured migration = process.runJar(jar, args, copy.environment(), dir);
                if (!migration.output().contains("now at V9")) {
                    throw new IllegalStateException("the run with " + grouping + " did not reach head:\n"
                            + migration.output());
                }
                Map<Integer, Double> perRevision = historySeconds(copy);
                DataSummary.requireSame(copy, bound);
                double historySum = perRevision.values().stream().mapToDouble(Double::doubleValue).sum();
                perRevision.forEach((version, seconds) -> table.add(rows, backend, label + "V" + version + " (history)",
                        seconds, seconds > 0 ? rows / seconds : null));
                table.add(rows, backend, label + "1→9 history sum", historySum, rows / historySum)
                        .ratio(historySum / rawSeconds, "raw");
                table.add(rows, backend, label + "1→9 --migrate-only process", migration.seconds(),
                        rows / migration.seconds()).ratio(migration.seconds() / rawSeconds, "raw").memory(migration);
                copy.drop();
            }
            if (round > 1) {
                bound.drop();
            }
        }
    }

    /**
     * Issue 18, goal 3: 1→9 on a PostgreSQL pair the original Alembic chain made, restored from a
     * dump (COPY, no statistics), against that chain's own time on the same data.
     */
    private void measureUpstreamBase(ResultTable table) throws Exception {
        DatabasePair pair = UpstreamBase.create(postgres);
        double load = UpstreamBase.load(pair, rows);
        table.add(rows, Backend.POSTGRESQL, UPSTREAM + "load Alembic revision-1 data (COPY, not analysed)", load,
                new BenchmarkData(rows).totalRows() / load);
        List<String> arguments = new ArrayList<>(List.of("--migrate-only"));
        arguments.addAll(TIMINGS);
        MeasuredProcess.Measured migration = process.runJar(jar, arguments, pair.environment(),
                "postgresql-alembic-base-migrate");
        Map<Integer, Double> perRevision = historySeconds(pair);
        perRevision.forEach((version, seconds) -> table.add(rows, Backend.POSTGRESQL,
                UPSTREAM + "V" + version + " (history)", seconds, seconds > 0 ? rows / seconds : null));
        double historySum = perRevision.values().stream().mapToDouble(Double::doubleValue).sum();
        table.add(rows, Backend.POSTGRESQL, UPSTREAM + "1→9 history sum", historySum, rows / historySum);
        double alembic = UpstreamBase.alembicSeconds(rows);
        table.add(rows, Backend.POSTGRESQL, UPSTREAM_PROCESS, migration.seconds(), rows / migration.seconds())
                .ratio(migration.seconds() / alembic, "Alembic").memory(migration);
        double planned = planSeconds(migration);
        table.add(rows, Backend.POSTGRESQL, UPSTREAM_PLAN, planned, null).ratio(planned / migration.seconds(), "process");
        pair.drop();
    }

    private void measureNoOp(Backend backend, String name, DatabasePair engine, ResultTable table) throws Exception {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, engine.catalog());
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, engine.monitor());
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, MigrationStateListener.NONE,
                new DatabaseWait(new NldsDbProperties().getStartupWait()), new EntityModelCheck(), true);
        double cold = time(() -> coordinator.run(null));
        double warm = time(() -> coordinator.run(null));
        table.add(rows, backend, "no-op coordinator check, first call", cold, null);
        table.add(rows, backend, "no-op coordinator check, second call", warm, null);

        List<MeasuredProcess.Measured> noOps = new ArrayList<>();
        List<MeasuredProcess.Measured> bares = new ArrayList<>();
        Path bareStart = bareStartClasses();
        for (int i = 0; i < repeats; i++) {
            MeasuredProcess.Measured noOp = process.runJar(jar, List.of("--migrate-only"), engine.environment(),
                    name + "-noop-" + i);
            if (!noOp.output().contains("already at head")) {
                throw new IllegalStateException("the no-op run migrated something:\n" + noOp.output());
            }
            noOps.add(noOp);
            bares.add(process.run(List.of("-Dloader.main=" + BareStart.class.getName(), "-Dloader.path=" + bareStart,
                    "-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"),
                    engine.environment(), name + "-bare-" + i));
        }
        MeasuredProcess.Measured noOp = median(noOps);
        MeasuredProcess.Measured bare = median(bares);
        table.add(rows, backend, "no-op coordinator check, as logged by --migrate-only",
                coordinatorMillis(noOp.output()) / 1000.0, null);
        table.add(rows, backend, "no-op --migrate-only process", noOp.seconds(), null)
                .ratio(noOp.seconds() / bare.seconds(), "bare").memory(noOp);
        table.add(rows, backend, "bare start, same jar", bare.seconds(), null).ratio(1, "bare").memory(bare);

        measureFreshInstall(backend, name, bare, table);
        for (ImageLayout.Cache cache : ImageLayout.Cache.values()) {
            List<MeasuredProcess.Measured> imageNoOps = new ArrayList<>();
            List<MeasuredProcess.Measured> imageBares = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                imageNoOps.add(process.run(imageLayout(cache).javaArguments("--migrate-only"), engine.environment(),
                        name + "-image-noop-" + cache + "-" + i));
                imageBares.add(process.run(imageLayout(cache).bareStartArguments(bareStart), engine.environment(),
                        name + "-image-bare-" + cache + "-" + i));
            }
            MeasuredProcess.Measured imageNoOp = median(imageNoOps);
            MeasuredProcess.Measured imageBare = median(imageBares);
            String layout = "image layout (" + imageLayout(cache).words() + ")";
            // against the plain jar's bare start, as before; the image's own bare start is the row after
            table.add(rows, backend, "no-op --migrate-only process, " + layout,
                    imageNoOp.seconds(), null).ratio(imageNoOp.seconds() / bare.seconds(), "bare").memory(imageNoOp);
            table.add(rows, backend, IMAGE_BARE_PREFIX + layout, imageBare.seconds(), null)
                    .ratio(imageBare.seconds() / bare.seconds(), "bare").memory(imageBare);
            table.add(rows, backend, IMAGE_CHECK_PREFIX + layout, coordinatorMillis(imageNoOp.output()) / 1000.0, null);
            MeasuredProcess.Measured imageFresh = median(freshInstalls(backend, name + "-image-fresh-" + cache,
                    TIMINGS, imageLayout(cache)::javaArguments));
            table.add(rows, backend, "0→9 --migrate-only process, empty pair, " + layout, imageFresh.seconds(), null)
                    .ratio(imageFresh.seconds() / bare.seconds(), "bare").memory(imageFresh);
            table.add(rows, backend, IMAGE_FRESH_PREFIX + layout, imageFresh.seconds(), null)
                    .ratio(imageFresh.seconds() / imageBare.seconds(), "image bare");
            table.add(rows, backend, IMAGE_FACTORY_PREFIX + layout + ", as logged", slowestFactory(imageFresh) / 1000.0,
                    null);
        }
    }

    /**
     * {@code --migrate-only} from empty to head, against the bare start: JVM, Spring, the plan before
     * each database, nine revisions each (their data steps on empty tables), and the entity-model
     * check. Its log gives the entity factories' and the plan's own times.
     */
    private void measureFreshInstall(Backend backend, String name, MeasuredProcess.Measured bare, ResultTable table)
            throws Exception {
        MeasuredProcess.Measured fresh = median(freshInstalls(backend, name + "-fresh", TIMINGS, this::jarArguments));
        table.add(rows, backend, FRESH_PROCESS, fresh.seconds(), null).ratio(fresh.seconds() / bare.seconds(), "bare")
                .memory(fresh);
        table.add(rows, backend, FIRST_FACTORY, slowestFactory(fresh) / 1000.0, null);
        double planned = planSeconds(fresh);
        table.add(rows, backend, PLAN_SHARE, planned, null).ratio(planned / fresh.seconds(), "process");
    }

    /** The plan's share of a run: the two databases are planned side by side, so the longer of their logged times. */
    private static double planSeconds(MeasuredProcess.Measured run) {
        return logged(PLANNED, run.output()).stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0;
    }

    /**
     * Goal 2's figure, in ms: how long Hibernate's first start took to give a factory, from its first
     * line ({@code HHH000001}, logged as it starts) to the first factory logged ready; or the slowest
     * factory's own time, if longer. Either may be what holds the first start: factories are built on
     * two threads ahead of the revisions, one that starts second on classes the other has loaded may
     * finish first, and the one that started first may still be running when the process exits.
     */
    private static long slowestFactory(MeasuredProcess.Measured fresh) {
        return hibernateFirstStartMillis(fresh.output());
    }

    static long hibernateFirstStartMillis(String output) {
        long slowest = logged(ENTITIES_READY, output).stream().mapToLong(Long::longValue).max()
                .orElseThrow(() -> new IllegalStateException("the fresh install logged no entity factory:\n" + output));
        Optional<Instant> started = firstLineTime(output, line -> line.contains("HHH000001"));
        Optional<Instant> ready = firstLineTime(output, line -> ENTITIES_READY.matcher(line).find());
        return started.isPresent() && ready.isPresent()
                ? Math.max(slowest, Duration.between(started.get(), ready.get()).toMillis()) : slowest;
    }

    /** When the first line that {@code matches} was logged (its leading ISO timestamp). */
    private static Optional<Instant> firstLineTime(String output, java.util.function.Predicate<String> matches) {
        return output.lines().filter(matches).findFirst().map(line -> line.split("\\s+", 2)[0])
                .flatMap(stamp -> {
                    try {
                        return Optional.of(Instant.parse(stamp));
                    } catch (java.time.format.DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private List<String> jarArguments(String... args) {
        List<String> java = new ArrayList<>(List.of("-jar", jar.toString()));
        java.addAll(List.of(args));
        return java;
    }

    /** {@link #repeats} runs of {@code --migrate-only} (and {@code extra}), each on a new empty pair. */
    private List<MeasuredProcess.Measured> freshInstalls(Backend backend, String name, List<String> extra,
            java.util.function.Function<String[], List<String>> javaArguments) throws Exception {
        List<MeasuredProcess.Measured> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            Path dir = workDir.resolve(name + "-" + i);
            Files.deleteIfExists(dir.resolve("catalog.db"));
            Files.deleteIfExists(dir.resolve("monitor.db"));
            DatabasePair empty = DatabasePair.fresh(backend, postgres, dir);
            List<String> args = new ArrayList<>(List.of("--migrate-only"));
            args.addAll(extra);
            MeasuredProcess.Measured run = process.run(javaArguments.apply(args.toArray(String[]::new)),
                    empty.environment(), name + "-" + i);
            if (!run.output().contains("now at V9")) {
                throw new IllegalStateException("the fresh install did not reach head:\n" + run.output());
            }
            runs.add(run);
            empty.drop();
        }
        return runs;
    }

    /** Every number {@code line} captures in {@code output}, in order. */
    private static List<Long> logged(Pattern line, String output) {
        List<Long> values = new ArrayList<>();
        Matcher m = line.matcher(output);
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }

    /** The jar as the container image runs it (or ran it, with {@code cache} CDS), prepared once per run. */
    private ImageLayout imageLayout(ImageLayout.Cache cache) throws Exception {
        ImageLayout layout = imageLayouts.get(cache);
        if (layout == null) {
            layout = ImageLayout.prepare(jar, workDir, maxHeap, cache);
            imageLayouts.put(cache, layout);
        }
        return layout;
    }

    /** The coordinator's own time, as it logs it when both databases are ready. */
    private static long coordinatorMillis(String output) {
        Matcher line = COORDINATOR_READY.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("the --migrate-only run logged no coordinator time:\n" + output);
        }
        return Long.parseLong(line.group(1));
    }

    /**
     * A folder holding only the {@link BareStart} classes, for {@code loader.path}: the whole test
     * classes folder would also bring logback-test.xml and so a different logging set-up.
     */
    private Path bareStartClasses() throws Exception {
        Path testClasses = Path.of(BareStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = BareStart.class.getPackageName().replace('.', '/');
        Path target = Files.createDirectories(workDir.resolve("bare-start").resolve(packagePath));
        try (var files = Files.list(testClasses.resolve(packagePath))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("BareStart")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return workDir.resolve("bare-start");
    }

    private void measureMemory(Backend backend, ResultTable table) throws Exception {
        long big = rows * memoryFactor;
        String name = backend.name().toLowerCase(java.util.Locale.ROOT) + "-x" + memoryFactor;
        DatabasePair pair = pairAtRevision1(backend, name);
        load(pair, big);
        MeasuredProcess.Measured migration = process.runJar(jar, List.of("--migrate-only"), pair.environment(),
                name + "-migrate");
        table.add(big, backend, "1→9 --migrate-only process", migration.seconds(), big / migration.seconds())
                .memory(migration);
        pair.drop();
    }

    private DatabasePair pairAtRevision1(Backend backend, String name) throws Exception {
        return pairAtRevision1(backend, workDir.resolve(name), postgres);
    }

    /** A fresh pair (SQLite files in {@code dir}) migrated to revision 1, for loading. */
    static DatabasePair pairAtRevision1(Backend backend, Path dir, PostgresDatabases postgres) throws Exception {
        Files.deleteIfExists(dir.resolve("catalog.db"));
        Files.deleteIfExists(dir.resolve("monitor.db"));
        DatabasePair pair = DatabasePair.fresh(backend, postgres, dir);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 1);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 1);
        return pair;
    }

    static double load(DatabasePair pair, long files) throws Exception {
        BenchmarkData data = new BenchmarkData(files);
        long start = System.nanoTime();
        try (Connection c = pair.catalog().connect(); Connection m = pair.monitor().connect()) {
            data.loadCatalog(c);
            data.loadMonitor(m);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds per revision from 2, catalog and monitor together, from Flyway's {@code execution_time}. */
    static Map<Integer, Double> historySeconds(DatabasePair pair) throws SQLException {
        Map<Integer, Double> seconds = new TreeMap<>();
        for (TestDatabase db : List.of(pair.catalog(), pair.monitor())) {
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT version, execution_time FROM " + FlywayHistory.TABLE
                            + " WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    int version = Integer.parseInt(rs.getString(1));
                    if (version > 1) {
                        seconds.merge(version, rs.getLong(2) / 1000.0, Double::sum);
                    }
                }
            }
        }
        if (seconds.size() != 8) {
            throw new IllegalStateException("expected revisions 2 to 9 in the history, found " + seconds.keySet());
        }
        return seconds;
    }

    private static MeasuredProcess.Measured median(List<MeasuredProcess.Measured> runs) {
        List<MeasuredProcess.Measured> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(MeasuredProcess.Measured::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed timed) throws Exception {
        long start = System.nanoTime();
        timed.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
