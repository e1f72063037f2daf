package uk.ac.ceda.nlds.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
 * Failing revisions, databases ahead of the code, edited revisions and bad configuration, each as
 * a real {@code --migrate-only} process: one line naming what is wrong, a non-zero exit, and every
 * database exactly as it was.
 */
class FaultsIT {

    private static final String FAILING = "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.failing.migration";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aRevisionFailingMidwayLeavesThePreviousRevisionWithItsDataAndReportsBothDatabases(Backend backend)
            throws Exception {
        DatabasePair pair = atHeadWithRows(backend);
        Map<String, String> before = snapshot(pair);

        JarProcess.Result result = JarProcess.runWithTestClasses(folder, pair.environment(), "--migrate-only", FAILING);

        assertThat(result.exitCode()).isNotZero();
        result.oneLineFailure(); // and nothing beside it repeats the failure
        assertThat(result.stderr().lines().toList()).containsExactly("nlds-db: catalog: revision V10 (0000000000bb)"
                + " failed, the database is at " + RevisionChain.headLabel() + ": test revision failed after changing the schema;"
                + " monitor is at head " + RevisionChain.headLabel());
        assertThat(snapshot(pair)).isEqualTo(before);
        assertThat(Fixtures.inspect(pair.catalog()).tables().get("holding").column("half_done")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aDatabaseAheadOfThisBuildIsRefusedSayingWhereItIsAndWhatThisBuildKnows(Backend backend) throws Exception {
        DatabasePair pair = atHeadWithRows(backend);
        int ahead = RevisionChain.head() + 1;
        Rows.execute(pair.catalog(), "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, installed_on, execution_time, success) VALUES (" + (ahead + 1)
                + ", '" + ahead + "', 'Add quotas', 'JDBC', 'V" + ahead + "__Add_quotas', 1, 'newer', CURRENT_TIMESTAMP, 5, "
                + (backend == Backend.SQLITE ? "1" : "true") + ")");
        Map<String, String> before = snapshot(pair);

        JarProcess.Result result = JarProcess.run(folder, pair.environment(), "--migrate-only");

        assertThat(result.exitCode()).isNotZero();
        result.oneLineFailure(); // and nothing beside it repeats the failure
        assertThat(result.stderr().lines().toList()).containsExactly("nlds-db: catalog: V" + ahead + " (Add quotas) is applied"
                + " but this build knows only V1 to V" + RevisionChain.head() + ": run a newer nlds-db; nothing was changed;"
                + " monitor is at head " + RevisionChain.headLabel());
        assertThat(snapshot(pair)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEditedAppliedRevisionIsRefusedByName(Backend backend) throws Exception {
        DatabasePair pair = atHeadWithRows(backend);
        Rows.execute(pair.monitor(), "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '7'");
        Map<String, String> before = snapshot(pair);

        JarProcess.Result result = JarProcess.run(folder, pair.environment(), "--migrate-only");

        assertThat(result.exitCode()).isNotZero();
        result.oneLineFailure(); // and nothing beside it repeats the failure
        assertThat(result.stderr()).startsWith("nlds-db: monitor: V7 (State overhaul) was changed after it was applied"
                + " (checksum 12345 in the database, ").contains("nothing was changed; catalog is at head V" + RevisionChain.head());
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(snapshot(pair)).isEqualTo(before);
    }

    @Test
    void badConfigurationIsOneLineANonZeroExitAndNothingWritten() throws Exception {
        TestDatabase monitor = postgres.create();
        TestDatabase catalogAtTwo = TestDatabase.sqlite(folder.resolve("two.db"));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, catalogAtTwo), 2);
        Rows.execute(catalogAtTwo, "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'u', 'g')",
                "INSERT INTO \"transaction\" (id, transaction_id, holding_id) VALUES (1, 't', 1)",
                "INSERT INTO file (id, transaction_id) VALUES (1, 1)",
                "INSERT INTO location (id, storage_type, root, path, file_id) VALUES (1, 'TAPE', 'r', 'p', 1)");
        String catalogBefore = Rows.dump(catalogAtTwo, Fixtures.CATALOG_TABLES);
        String sqlite = "jdbc:sqlite:" + folder.resolve("monitor.db");

        Map<String, String> expectations = new java.util.LinkedHashMap<>();
        expectations.put("jdbc:postgresql//127.0.0.1/x", "nlds.db.catalog.url");
        // an unsupported URL and a folder that cannot be created are OneLineFailureIT's, in every mode
        expectations.put(monitor.url().replace("user=postgres", "user=nobody_here"), "nobody_here");
        for (Map.Entry<String, String> bad : expectations.entrySet()) {
            JarProcess.Result result = JarProcess.run(folder, Map.of("NLDS_DB_CATALOG_URL", bad.getKey(),
                    "NLDS_DB_MONITOR_URL", sqlite, "NLDS_DB_STARTUPWAIT", "1s"), "--migrate-only");
            assertThat(result.exitCode()).as(bad.getKey()).isNotZero();
            assertThat(result.stderr().lines().toList()).as(bad.getKey()).singleElement().asString()
                    .startsWith("nlds-db: ").contains(bad.getValue());
            assertThat(folder.resolve("monitor.db")).as("nothing written for " + bad.getKey()).doesNotExist();
        }

        JarProcess.Result tape = JarProcess.run(folder, Map.of("NLDS_DB_CATALOG_URL", catalogAtTwo.url(),
                "NLDS_DB_MONITOR_URL", sqlite, "NLDS_MIGRATION_DEFAULTTAPEURL", "https://tape.example.org/eos"),
                "--migrate-only");
        assertThat(tape.exitCode()).isNotZero();
        tape.oneLineFailure(); // and nothing beside it repeats the failure
        assertThat(tape.stderr().lines().toList()).singleElement().asString()
                .startsWith("nlds-db: catalog: revision V3 (ee82dd99bfc0) failed, the database is at V2 (bf09ce0d6899): ")
                .contains("https://tape.example.org/eos");
        assertThat(Rows.dump(catalogAtTwo, Fixtures.CATALOG_TABLES)).isEqualTo(catalogBefore);
        assertThat(Fixtures.inspect(monitor).tables()).isEmpty();
    }

    /** Both databases at head with a few rows in every table. */
    private DatabasePair atHeadWithRows(Backend backend) throws Exception {
        DatabasePair pair = DatabasePair.fresh(backend, postgres, folder.resolve("pair"));
        MigrationHarness.migrateToHead(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()));
        MigrationHarness.migrateToHead(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()));
        Rows.execute(pair.catalog(), "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'u', 'g')",
                "INSERT INTO \"transaction\" (id, transaction_id, holding_id) VALUES (1, 't', 1)",
                "INSERT INTO file (id, transaction_id, path_type) VALUES (1, 1, 'LINK')");
        Rows.execute(pair.monitor(), "INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\","
                + " api_action) VALUES (1, 't', 'u', 'g', 'put')", "INSERT INTO sub_record (id, sub_id, state,"
                + " retry_count, last_updated, transaction_record_id) VALUES (1, 's', 'SPLIT', 0, CURRENT_TIMESTAMP, 1)");
        return pair;
    }

    /** Every row, the history and the schema of both databases. */
    private static Map<String, String> snapshot(DatabasePair pair) throws Exception {
        Map<String, String> snapshot = new HashMap<>();
        for (TestDatabase db : List.of(pair.catalog(), pair.monitor())) {
            String[] tables = db == pair.catalog() ? Fixtures.CATALOG_TABLES : Fixtures.MONITOR_TABLES;
            snapshot.put(db.name() + " rows", Rows.dump(db, tables));
            snapshot.put(db.name() + " history", Rows.query(db, "SELECT installed_rank, version, checksum, success"
                    + " FROM flyway_schema_history ORDER BY 1").toString());
            snapshot.put(db.name() + " schema", Fixtures.inspect(db).toString());
        }
        return snapshot;
    }
}
