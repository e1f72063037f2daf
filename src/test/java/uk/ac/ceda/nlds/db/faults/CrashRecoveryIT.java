package uk.ac.ceda.nlds.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.bench.BenchmarkData;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
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
 * (as revisions with schema steps, data steps and SQLite rebuilds start, in either database), then
 * run again: it reaches head with exactly the rows an uninterrupted run leaves, no temporary table
 * and no stuck lock. The moments are states the process reports (a revision starting), not times,
 * so every kill lands mid-migration however loaded the machine is. The kills are a chain per
 * database on a copy of its own: the run after each kill is the one killed at the next moment, so it
 * shows it got past the previous kill (a stuck lock or a half-done revision it cannot finish stops it
 * before the next moment, and the test fails), and one run after the last kill must finish with the
 * same rows: each moment is proven to recover with one process instead of two. The other database,
 * migrating beside it, is killed wherever it happens to be. {@code -Dnlds.crash.iterations=N} adds N kills at random times, each on a copy of its own
 * (the long loop).
 */
class CrashRecoveryIT {

    private static final int FILES = Integer.getInteger("nlds.crash.files", 40_000);
    /**
     * Kill as these revisions start running: data steps, rebuilds and enum conversions in both
     * databases. A chain per database, each on a copy of its own: the two migrate side by side, so
     * once the other database is past a revision no later run starts it again.
     */
    private static final List<List<String>> KILL_CHAINS = List.of(List.of("catalog V3", "catalog V4", "catalog V8"),
            List.of("monitor V5", "monitor V7"));

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

        for (List<String> chain : KILL_CHAINS) {
            DatabasePair killed = original.copy(postgres, folder.resolve("killed-" + KILL_CHAINS.indexOf(chain)));
            for (int i = 0; i < chain.size(); i++) {
                String revision = chain.get(i);
                // after the first, each of these runs starts where the previous kill left the pair
                boolean reached = JarProcess.killWhen(folder, killed.environment(),
                        line -> line.contains(" " + revision + " (") && line.endsWith(": running"), "--migrate-only");
                assertThat(reached).as("killed as " + revision + " started, after kills as " + chain.subList(0, i)
                        + " started").isTrue();
            }
            finishedByTheNextRun(killed, expected, "killed as each of " + chain + " started, one run after another");
        }
        Random random = new Random(42);
        for (int i = 0; i < Integer.getInteger("nlds.crash.iterations", 0); i++) {
            DatabasePair pair = original.copy(postgres, folder.resolve("kill-" + i));
            Duration delay = Duration.ofMillis(500 + random.nextInt((int) full.toMillis()));
            JarProcess.killAfter(folder, pair.environment(), delay, "--migrate-only");
            finishedByTheNextRun(pair, expected, "killed after " + delay.toMillis() + " ms of " + full.toMillis() + " ms");
        }
    }

    /** A rerun reaches head with exactly the expected rows, no temporary table, no stuck lock. */
    private void finishedByTheNextRun(DatabasePair pair, Map<String, String> expected, String moment)
            throws Exception {
        JarProcess.Result rerun = JarProcess.run(folder, pair.environment(), "--migrate-only");

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
