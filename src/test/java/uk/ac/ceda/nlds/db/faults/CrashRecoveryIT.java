package uk.ac.ceda.nlds.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.bench.BenchmarkData;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.PostgresServer;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * {@code --migrate-only} killed with SIGKILL at many moments of a migration that takes seconds
 * (schema steps, data steps, SQLite rebuilds, between the databases), then run again: every time
 * it reaches head with exactly the rows an uninterrupted run leaves, no temporary table and no
 * stuck lock. {@code -Dnlds.crash.iterations=N} adds N kills at random moments (the long loop).
 */
class CrashRecoveryIT {

    private static final int FILES = Integer.getInteger("nlds.crash.files", 40_000);
    private static final double[] KILL_POINTS = {0.35, 0.5, 0.65, 0.8, 0.95};

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void everyKilledRunIsFinishedByTheNextWithTheSameRows(Backend backend) throws Exception {
        Pair original = pairAtRevisionOne(backend, "original");
        Pair reference = copy(original, backend, "reference");
        long start = System.nanoTime();
        JarProcess.Result uninterrupted = JarProcess.run(folder, reference.environment(), "--migrate-only");
        Duration full = Duration.ofNanos(System.nanoTime() - start);
        assertThat(uninterrupted.exitCode()).as(uninterrupted.output()).isZero();
        Map<String, String> expected = reference.digest();

        List<Duration> kills = new ArrayList<>();
        for (double point : KILL_POINTS) {
            kills.add(Duration.ofMillis((long) (full.toMillis() * point)));
        }
        Random random = new Random(42);
        for (int i = 0; i < Integer.getInteger("nlds.crash.iterations", 0); i++) {
            kills.add(Duration.ofMillis(500 + random.nextInt((int) full.toMillis())));
        }

        int killed = 0;
        for (int i = 0; i < kills.size(); i++) {
            Pair pair = copy(original, backend, "kill-" + i);
            if (JarProcess.killAfter(folder, pair.environment(), kills.get(i), "--migrate-only")) {
                killed++;
            }
            JarProcess.Result rerun = JarProcess.run(folder, pair.environment(), "--migrate-only");

            String moment = "killed after " + kills.get(i).toMillis() + " ms of " + full.toMillis() + " ms";
            assertThat(rerun.exitCode()).as(moment + "\n" + rerun.output()).isZero();
            assertThat(pair.digest()).as(moment).isEqualTo(expected);
            for (TestDatabase db : List.of(pair.catalog(), pair.monitor())) {
                assertThat(Fixtures.inspect(db).tables().keySet()).as(moment)
                        .noneMatch(table -> table.startsWith("_alembic_tmp_"));
                assertThat(Rows.column(db, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history"))
                        .as(moment).containsExactly("9");
            }
            drop(pair, backend);
        }
        assertThat(killed).as("most kills landed before the migration ended").isGreaterThanOrEqualTo(3);
    }

    /** The two databases, with the environment a process needs to reach them. */
    private record Pair(TestDatabase catalog, TestDatabase monitor) {
        Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>(Map.of("NLDS_DB_CATALOG_URL", catalog.url(),
                    "NLDS_DB_MONITOR_URL", monitor.url(), "NLDS_MIGRATION_DEFAULTTENANCY", "nlds-tenancy.example.org",
                    "NLDS_MIGRATION_DEFAULTTAPEURL", "root://tape.example.org//eos/nlds"));
            return environment;
        }

        Map<String, String> digest() throws Exception {
            Map<String, String> digest = new HashMap<>(Rows.digest(catalog, Fixtures.CATALOG_TABLES));
            digest.putAll(Rows.digest(monitor, Fixtures.MONITOR_TABLES));
            digest.putAll(Rows.digest(catalog, "aggregation"));
            return digest;
        }
    }

    private Pair pairAtRevisionOne(Backend backend, String name) throws Exception {
        Pair pair = backend == Backend.POSTGRESQL ? new Pair(postgres.create(), postgres.create())
                : new Pair(TestDatabase.sqlite(Files.createDirectories(folder.resolve(name)).resolve("catalog.db")),
                        TestDatabase.sqlite(folder.resolve(name).resolve("monitor.db")));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 1);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 1);
        BenchmarkData data = new BenchmarkData(FILES);
        try (Connection catalog = pair.catalog().connect(); Connection monitor = pair.monitor().connect()) {
            data.loadCatalog(catalog);
            data.loadMonitor(monitor);
        }
        return pair;
    }

    private Pair copy(Pair source, Backend backend, String name) throws Exception {
        if (backend == Backend.POSTGRESQL) {
            Pair copy = new Pair(postgres.create(), postgres.create());
            try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE " + copy.catalog().name());
                st.execute("CREATE DATABASE " + copy.catalog().name() + " TEMPLATE " + source.catalog().name());
                st.execute("DROP DATABASE " + copy.monitor().name());
                st.execute("CREATE DATABASE " + copy.monitor().name() + " TEMPLATE " + source.monitor().name());
            }
            return copy;
        }
        Path dir = Files.createDirectories(folder.resolve(name));
        for (String db : List.of("catalog.db", "monitor.db")) {
            Files.copy(folder.resolve("original").resolve(db), dir.resolve(db), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Pair(TestDatabase.sqlite(dir.resolve("catalog.db")), TestDatabase.sqlite(dir.resolve("monitor.db")));
    }

    private static void drop(Pair pair, Backend backend) throws Exception {
        if (backend == Backend.POSTGRESQL) {
            try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + pair.catalog().name() + " WITH (FORCE)");
                st.execute("DROP DATABASE IF EXISTS " + pair.monitor().name() + " WITH (FORCE)");
            }
        }
    }
}
