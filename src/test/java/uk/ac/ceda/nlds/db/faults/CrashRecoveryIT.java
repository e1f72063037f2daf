package uk.ac.ceda.nlds.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
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
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
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
        DatabasePair original = pairAtRevisionOne(backend);
        DatabasePair reference = original.copy(postgres, folder.resolve("reference"));
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
            DatabasePair pair = original.copy(postgres, folder.resolve("kill-" + i));
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
                        .as(moment).containsExactly(String.valueOf(RevisionChain.head()));
            }
            pair.drop();
        }
        assertThat(killed).as("most kills landed before the migration ended").isGreaterThanOrEqualTo(3);
    }

    private DatabasePair pairAtRevisionOne(Backend backend) throws Exception {
        DatabasePair pair = DatabasePair.fresh(backend, postgres, folder.resolve("original"));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 1);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 1);
        BenchmarkData data = new BenchmarkData(FILES);
        try (Connection catalog = pair.catalog().connect(); Connection monitor = pair.monitor().connect()) {
            data.loadCatalog(catalog);
            data.loadMonitor(monitor);
        }
        return pair;
    }
}
