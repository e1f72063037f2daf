package uk.ac.ceda.nlds.db.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Downgrades run the revisions' own downgrades in one transaction, rewrite the history, and refuse losses. */
class RevisionDowngradeTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void eachIntermediateRevisionHasTheSchemaAFreshMigrationToItHas(Backend backend) throws Exception {
        for (NldsDatabase database : NldsDatabase.values()) {
            TestDatabase db = Backends.fresh(backend, postgres, folder);
            ManagedDatabase managed = MigrationHarness.managed(database, db);
            DatabaseMigrator.migrate(managed);

            for (int target = RevisionChain.head() - 1; target >= 0; target -= 2) {
                assertThat(RevisionDowngrade.run(managed, target).after()).startsWith("V" + target + " ");
                assertThat(DatabaseMigrator.currentVersion(managed)).isEqualTo(target);
                assertThat(Fixtures.differencesFromFresh(db, database, target, postgres, folder))
                        .as(database.id() + " at V" + target).isEmpty();
            }
            int lowest = DatabaseMigrator.currentVersion(managed);
            assertThat(DatabaseMigrator.migrate(managed).revisionsApplied()).isEqualTo(RevisionChain.head() - lowest);
            assertThat(Fixtures.differencesFromFresh(db, database, RevisionChain.head(), postgres, folder)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aStateWithoutAnOlderEquivalentRefusesAndNothingChanges(Backend backend) throws Exception {
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.MONITOR, monitor);
        DatabaseMigrator.migrate(managed);
        Rows.execute(monitor, "INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\", api_action)"
                + " VALUES (1, 't', 'u', 'g', 'put')",
                "INSERT INTO sub_record (id, sub_id, state, retry_count, last_updated, transaction_record_id)"
                        + " VALUES (1, 's1', 'ARCHIVE_INIT', 0, CURRENT_TIMESTAMP, 1),"
                        + " (2, 's2', 'SPLIT', 0, CURRENT_TIMESTAMP, 1)");
        String before = dump(monitor);

        assertThatThrownBy(() -> RevisionDowngrade.run(managed, 4)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("monitor: downgrade of V5 (eaeeec0b5cf2) failed, nothing was changed and the"
                        + " database is still at " + RevisionChain.headLabel() + ": ")
                .hasMessageContaining("ARCHIVE_INIT");

        assertThat(dump(monitor)).isEqualTo(before);
        assertThat(DatabaseMigrator.currentVersion(managed)).isEqualTo(RevisionChain.head());
        assertThat(Fixtures.differencesFromFresh(monitor, NldsDatabase.MONITOR, RevisionChain.head(), postgres, folder)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void whenTheSecondDatabaseRefusesTheFirstIsRolledBackToo(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        ManagedDatabase managedCatalog = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);
        ManagedDatabase managedMonitor = MigrationHarness.managed(NldsDatabase.MONITOR, monitor);
        DatabaseMigrator.migrate(managedCatalog);
        DatabaseMigrator.migrate(managedMonitor);
        Rows.execute(catalog, "INSERT INTO aggregation (id, tarname, failed_fl) VALUES (1, 'a.tar', "
                + (backend == Backend.SQLITE ? "0" : "false") + ")");
        Rows.execute(monitor, "INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\", api_action)"
                + " VALUES (1, 't', 'u', 'g', 'put')",
                "INSERT INTO sub_record (id, sub_id, state, retry_count, last_updated, transaction_record_id)"
                        + " VALUES (1, 's1', 'ARCHIVE_INIT', 0, CURRENT_TIMESTAMP, 1)");
        String catalogBefore = Rows.dump(catalog, Fixtures.CATALOG_TABLES) + historyDump(catalog);
        String monitorBefore = dump(monitor);

        // the catalog's downgrade to V4 succeeds on its own (its aggregations did not fail)
        assertThatThrownBy(() -> RevisionDowngrade.run(List.of(managedCatalog, managedMonitor), List.of(4, 4)))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("monitor: downgrade of V5 (eaeeec0b5cf2) failed, nothing was changed")
                .hasMessageEndingWith("; catalog rolled back with it, unchanged");

        assertThat(DatabaseMigrator.currentVersion(managedCatalog)).isEqualTo(RevisionChain.head());
        assertThat(Rows.dump(catalog, Fixtures.CATALOG_TABLES) + historyDump(catalog)).isEqualTo(catalogBefore);
        assertThat(Fixtures.differencesFromFresh(catalog, NldsDatabase.CATALOG, RevisionChain.head(), postgres, folder)).isEmpty();
        assertThat(dump(monitor)).isEqualTo(monitorBefore);

        Rows.execute(monitor, "UPDATE sub_record SET state = 'ARCHIVE_PUTTING'");
        assertThat(RevisionDowngrade.run(List.of(managedCatalog, managedMonitor), List.of(4, 4)))
                .extracting(outcome -> outcome.after().substring(0, 2)).containsExactly("V4", "V4");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void droppingAggregationsThatHoldRowsIsRefused(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);
        DatabaseMigrator.migrate(managed);
        Rows.execute(catalog, "INSERT INTO aggregation (id, tarname, failed_fl) VALUES (1, 'a.tar', "
                + (backend == Backend.SQLITE ? "1" : "true") + ")");

        assertThatThrownBy(() -> RevisionDowngrade.run(managed, 5)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("downgrade of V6 (f1f20ae58def) failed, nothing was changed")
                .hasMessageContaining("going back would lose which aggregations failed (1 rows)");
        Rows.execute(catalog, "UPDATE aggregation SET failed_fl = " + (backend == Backend.SQLITE ? "0" : "false"));
        assertThatThrownBy(() -> RevisionDowngrade.run(managed, 1)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("downgrade of V2 (bf09ce0d6899) failed, nothing was changed and the database is"
                        + " still at V" + RevisionChain.head()).hasMessageContaining("going back would lose the aggregations (1 rows)");
        assertThat(DatabaseMigrator.currentVersion(managed)).isEqualTo(RevisionChain.head());
        assertThat(Rows.count(catalog, "aggregation")).isEqualTo(1);
    }

    @Test
    void anAdoptedDatabaseMovesItsBaselineDownAndKeepsAlembicVersionInStep() throws Exception {
        TestDatabase catalog = Fixtures.load("sqlite-upstream-rev6", NldsDatabase.CATALOG, postgres, folder);
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);
        DatabaseMigrator.migrate(managed);
        String head = Rows.dump(catalog, Fixtures.CATALOG_TABLES);

        RevisionDowngrade.run(managed, 4);

        assertThat(Rows.column(catalog, "SELECT version || ' ' || type FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("4 BASELINE");
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version")).containsExactly("fa9f4b687d19");
        assertThat(DatabaseStatus.read(managed).version()).isEqualTo(4);

        assertThat(DatabaseMigrator.migrate(managed).revisionsApplied()).isEqualTo(RevisionChain.head() - 4);
        // revision 8's documented reverse map takes UNINDEXED to NOT_RECOGNISED; every other value comes back
        assertThat(head).contains("path_type=UNINDEXED");
        assertThat(Rows.dump(catalog, Fixtures.CATALOG_TABLES))
                .isEqualTo(head.replace("path_type=UNINDEXED", "path_type=NOT_RECOGNISED"));
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version")).containsExactly(RevisionChain.headAlembicId());
    }

    @Test
    void anAlembicDatabaseNotYetAdoptedIsDowngradedWithoutFlywayHistory() throws Exception {
        TestDatabase monitor = Fixtures.load("sqlite-upstream-rev6", NldsDatabase.MONITOR, postgres, folder);
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.MONITOR, monitor);

        RevisionDowngrade.run(managed, 4);

        assertThat(Rows.column(monitor, "SELECT version_num FROM alembic_version")).containsExactly("fa9f4b687d19");
        assertThat(Rows.column(monitor, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'")).isEmpty();
        assertThat(DatabaseStatus.read(managed).origin()).isEqualTo(DatabaseStatus.Origin.ALEMBIC);
    }

    private static String dump(TestDatabase monitor) throws Exception {
        return Rows.dump(monitor, Fixtures.MONITOR_TABLES) + historyDump(monitor);
    }

    private static String historyDump(TestDatabase db) throws Exception {
        return Rows.dump(db, "flyway_schema_history").replaceAll("installed_on=[^,]*,", "");
    }

    static List<String> history(TestDatabase db) throws Exception {
        return Rows.column(db, "SELECT version FROM flyway_schema_history ORDER BY installed_rank");
    }
}
