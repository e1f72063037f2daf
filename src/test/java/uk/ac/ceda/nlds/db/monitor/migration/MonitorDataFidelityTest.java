package uk.ac.ceda.nlds.db.monitor.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Sub-record states come out of revisions 5, 7 and 9 exactly as REVISIONS.md maps them, every
 * row kept. The expected labels are written out here, not taken from the revisions' own maps.
 */
class MonitorDataFidelityTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    /** Revision 1 label → label at revision 5 (the intended map). */
    static final Map<String, String> AT_5 = ordered(
            "INITIALISING", "INITIALISING", "ROUTING", "ROUTING", "SPLITTING", "SPLITTING", "INDEXING", "INDEXING",
            "CATALOG_PUTTING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "TRANSFER_PUTTING",
            "CATALOG_ROLLBACK", "CATALOG_ROLLBACK", "CATALOG_GETTING", "CATALOG_GETTING",
            "TRANSFER_GETTING", "TRANSFER_GETTING", "COMPLETE", "COMPLETE", "FAILED", "FAILED",
            "CATALOG_BACKUP", "CATALOG_ARCHIVE_AGGREGATING", "ARCHIVE_PUTTING", "ARCHIVE_PUTTING",
            "CATALOG_RESTORING", "CATALOG_ARCHIVE_ROLLBACK", "ARCHIVE_GETTING", "ARCHIVE_GETTING",
            "CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING");

    /** Revision 5 label → label at revision 7. */
    static final Map<String, String> AT_7 = ordered(
            "INITIALISING", "INITIALISING", "ROUTING", "ROUTING", "COMPLETE", "COMPLETE", "FAILED", "FAILED",
            "SPLITTING", "SPLITTING", "INDEXING", "INDEXING", "CATALOG_PUTTING", "CATALOG_PUTTING",
            "TRANSFER_PUTTING", "TRANSFER_PUTTING", "CATALOG_ROLLBACK", "CATALOG_REMOVING",
            "CATALOG_GETTING", "CATALOG_GETTING", "ARCHIVE_GETTING", "ARCHIVE_GETTING",
            "TRANSFER_GETTING", "TRANSFER_GETTING", "ARCHIVE_INIT", "ARCHIVE_INIT",
            "CATALOG_ARCHIVE_AGGREGATING", "TRANSFER_INIT", "ARCHIVE_PUTTING", "ARCHIVE_PUTTING",
            "CATALOG_ARCHIVE_UPDATING", "CATALOG_ARCHIVE_UPDATING", "CATALOG_ARCHIVE_ROLLBACK", "CATALOG_ARCHIVE_UPDATING");

    /** Revision 7 label → label at revision 9. */
    static final Map<String, String> AT_9 = ordered(
            "INITIALISING", "INITIALISING", "ROUTING", "ROUTING", "SPLITTING", "SPLITTING", "INDEXING", "INDEXING",
            "CATALOG_PUTTING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "TRANSFER_PUTTING",
            "CATALOG_GETTING", "CATALOG_GETTING", "ARCHIVE_GETTING", "ARCHIVE_GETTING",
            "TRANSFER_GETTING", "TRANSFER_GETTING", "TRANSFER_INIT", "TRANSFER_INIT", "ARCHIVE_INIT", "ARCHIVE_INIT",
            "ARCHIVE_PUTTING", "ARCHIVE_PUTTING", "ARCHIVE_PREPARING", "ARCHIVE_GETTING",
            "CATALOG_DELETING", "CATALOG_DELETING", "CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING",
            "CATALOG_ARCHIVE_UPDATING", "CATALOG_ARCHIVE_UPDATING", "CATALOG_REMOVING", "CATALOG_REMOVING",
            "COMPLETE", "COMPLETE", "FAILED", "FAILED", "COMPLETE_WITH_ERRORS", "COMPLETE_WITH_ERRORS",
            "COMPLETE_WITH_WARNINGS", "COMPLETE_WITH_WARNINGS", "SEARCHING", "SEARCHING");

    /** Revision 1 label → label at revision 9, through the whole chain. */
    static final Map<String, String> V1_TO_9 = ordered(
            "INITIALISING", "INITIALISING", "ROUTING", "ROUTING", "SPLITTING", "SPLITTING", "INDEXING", "INDEXING",
            "CATALOG_PUTTING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "TRANSFER_PUTTING",
            "CATALOG_ROLLBACK", "CATALOG_REMOVING", "CATALOG_GETTING", "CATALOG_GETTING",
            "TRANSFER_GETTING", "TRANSFER_GETTING", "COMPLETE", "COMPLETE", "FAILED", "FAILED",
            "CATALOG_BACKUP", "TRANSFER_INIT", "ARCHIVE_PUTTING", "ARCHIVE_PUTTING",
            "CATALOG_RESTORING", "CATALOG_ARCHIVE_UPDATING", "ARCHIVE_GETTING", "ARCHIVE_GETTING",
            "CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING");

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionFiveAppliesTheIntendedMap(Backend backend) throws Exception {
        assertStep(backend, 4, 5, AT_5);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionSevenOverhaulsTheStates(Backend backend) throws Exception {
        assertStep(backend, 6, 7, AT_7);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionNineKeepsUpstreamsTwoRenames(Backend backend) throws Exception {
        assertStep(backend, 8, 9, AT_9);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theFullChainMapsEveryRevisionOneState(Backend backend) throws Exception {
        assertStep(backend, 1, 9, V1_TO_9);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionSevenGivesDefaultInitialising(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, db);
        MigrationHarness.migrateTo(monitor, 7);
        Rows.execute(db, "INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\", api_action)"
                + " VALUES (1, 't', 'u', 'g', 'put')",
                "INSERT INTO sub_record (id, sub_id, retry_count, last_updated, transaction_record_id)"
                        + " VALUES (1, 's', 0, CURRENT_TIMESTAMP, 1)");
        assertThat(Rows.column(db, "SELECT state FROM sub_record")).containsExactly("INITIALISING");
    }

    /** SQLite databases that passed upstream's revision 5 still hold revision 1 labels at 6. */
    @Test
    void leftoverRevisionOneLabelsOnSqliteAreMappedThroughTheChain() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("leftovers.db"));
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, db);
        MigrationHarness.migrateTo(monitor, 6);
        insertStates(db, List.of("CATALOG_BACKUP", "CATALOG_RESTORING", "CATALOG_UPDATING", "ARCHIVE_INIT"));
        MigrationHarness.migrateTo(monitor, 7);
        assertThat(Rows.column(db, "SELECT state FROM sub_record ORDER BY id"))
                .containsExactly("TRANSFER_INIT", "CATALOG_ARCHIVE_UPDATING", "CATALOG_ARCHIVE_UPDATING", "ARCHIVE_INIT");
    }

    @Test
    void theNewStateColumnLeftByUpstreamsFailedRevisionSevenOnSqliteIsDropped() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("half-applied.db"));
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, db);
        MigrationHarness.migrateTo(monitor, 6);
        Rows.execute(db, "ALTER TABLE sub_record ADD COLUMN new_state VARCHAR(24) DEFAULT 'INITIALISING' NOT NULL");
        insertStates(db, List.of("CATALOG_ROLLBACK", "COMPLETE"));

        MigrationHarness.migrateTo(monitor, 7);

        assertThat(Rows.column(db, "SELECT state FROM sub_record ORDER BY id")).containsExactly("CATALOG_REMOVING", "COMPLETE");
        assertThat(Rows.column(db, "SELECT name FROM pragma_table_info('sub_record')")).doesNotContain("new_state");
    }

    @Test
    void anUnknownLabelStopsTheRevisionAndNamesItsRows() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("unknown.db"));
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, db);
        MigrationHarness.migrateTo(monitor, 6);
        insertStates(db, List.of("COMPLETE", "BOGUS", "BOGUS", "NOT_A_STATE"));
        String before = Rows.dump(db, "sub_record");

        assertThatThrownBy(() -> MigrationHarness.migrateTo(monitor, 7)).isInstanceOf(FlywayException.class)
                .rootCause().hasMessageContaining("BOGUS (2 rows)").hasMessageContaining("NOT_A_STATE (1 rows)");

        assertThat(DatabaseMigrator.currentVersion(monitor)).isEqualTo(6);
        assertThat(Rows.dump(db, "sub_record")).isEqualTo(before);
    }

    private void assertStep(Backend backend, int from, int to, Map<String, String> expected) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR, db);
        MigrationHarness.migrateTo(monitor, from);
        List<String> states = new ArrayList<>(expected.keySet());
        states.add("COMPLETE");
        states.add("FAILED");
        insertStates(db, states);

        MigrationHarness.migrateTo(monitor, to);

        List<String> want = states.stream().map(expected::get).toList();
        assertThat(Rows.column(db, "SELECT state FROM sub_record ORDER BY id")).containsExactlyElementsOf(want);
        assertThat(Rows.count(db, "sub_record")).isEqualTo(states.size());
        assertThat(Rows.count(db, "failed_file")).isEqualTo(states.size());
        assertThat(Rows.count(db, "warning")).isEqualTo(1);
    }

    private static void insertStates(TestDatabase db, List<String> states) throws SQLException {
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\", job_label, api_action,"
                + " creation_time) VALUES (1, 'tx-1', 'alice', 'gws', 'job', 'put', '2023-06-01 10:00:00')");
        sql.add("INSERT INTO warning (id, warning, transaction_record_id) VALUES (1, 'slow', 1)");
        for (int i = 0; i < states.size(); i++) {
            int id = i + 1;
            sql.add("INSERT INTO sub_record (id, sub_id, state, retry_count, last_updated, transaction_record_id)"
                    + " VALUES (" + id + ", 'sub-" + id + "', '" + states.get(i) + "', " + i
                    + ", '2023-06-01 10:00:00', 1)");
            sql.add("INSERT INTO failed_file (id, filepath, reason, sub_record_id) VALUES (" + id + ", '/f/" + id
                    + "', 'r', " + id + ")");
        }
        Rows.execute(db, sql.toArray(String[]::new));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
