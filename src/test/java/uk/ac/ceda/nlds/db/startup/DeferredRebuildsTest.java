package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import uk.ac.ceda.nlds.db.bench.BenchmarkData;
import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionGrouping;
import uk.ac.ceda.nlds.db.migration.dialect.DeferredRebuilds;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * SQLite rebuilds deferred inside a group ({@code nlds.migration.group=sqlite}, {@code
 * nlds.migration.defer-rebuilds}): the same schema and rows as revisions committed one by one, each
 * table rebuilt fewer times, progress still per revision, and any failure, in a revision or in a
 * deferred rebuild, leaves the database at the revision before the group.
 */
class DeferredRebuildsTest {

    private static final long FILES = 300;

    @TempDir
    Path folder;

    /** What one run reported: each revision started, each progress step by its name. */
    private static final class Heard implements ProgressListener {
        final List<String> revisions = new ArrayList<>();
        final List<String> steps = new ArrayList<>();

        @Override
        public void revisionStarted(String database, String revision) {
            revisions.add(revision);
        }

        @Override
        public void started(ProgressSnapshot snapshot) {
            steps.add(snapshot.step());
        }

        long rebuilds(String table) {
            return steps.stream().filter(("rebuild " + table)::equals).count();
        }
    }

    @ParameterizedTest
    @EnumSource(value = NldsDatabase.class, names = {"CATALOG", "MONITOR"})
    void deferredRebuildsLeaveTheSameSchemaAndRowsAsRevisionsCommittedOneByOne(NldsDatabase database)
            throws Exception {
        TestDatabase oneByOne = atRevisionOneWithData(database, "one-by-one");
        TestDatabase grouped = atRevisionOneWithData(database, "grouped");
        Heard separately = new Heard();
        Heard together = new Heard();

        DatabaseMigrator.migrate(managed(database, oneByOne, "none", true, separately));
        DatabaseMigrator.migrate(managed(database, grouped, "sqlite", true, together));

        assertThat(schema(grouped)).isEqualTo(schema(oneByOne));
        assertThat(Rows.digest(grouped, Fixtures.tables(database))).isEqualTo(Rows.digest(oneByOne, Fixtures.tables(database)));
        assertThat(together.revisions).isEqualTo(separately.revisions).hasSize(8);
        assertThat(appliedVersions(grouped)).isEqualTo(appliedVersions(oneByOne));
        if (database == NldsDatabase.CATALOG) {
            // V2 and V3's new columns before V3's data step; V3's NOT NULL with V4's constraint (V4's SELECT reads
            // the same rows either way); V8 alone
            assertThat(separately.rebuilds("location")).isEqualTo(3);
            assertThat(together.rebuilds("location")).isEqualTo(2);
            assertThat(together.rebuilds("file")).isEqualTo(1);
        } else {
            // V5, V7 and V9's conversions in one CASE; V7's look for upstream's leftover column reads the pending shape
            assertThat(separately.rebuilds("sub_record")).isEqualTo(3);
            assertThat(together.rebuilds("sub_record")).isEqualTo(1);
        }
    }

    @Test
    void aFailingDeferredRebuildLeavesTheRevisionBeforeTheGroup() throws Exception {
        TestDatabase catalog = atRevisionOneWithData(NldsDatabase.CATALOG, "view");
        // SQLite refuses to rename a table into place while a view names the one it replaces
        Rows.execute(catalog, "CREATE VIEW file_paths AS SELECT id FROM file");
        DatabaseSchema before = schema(catalog);
        Map<String, String> rows = Rows.digest(catalog, Fixtures.CATALOG_TABLES);
        Heard heard = new Heard();

        // file's rebuild (V8) is deferred to the end of the group, so it runs, and fails, in V9
        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed(NldsDatabase.CATALOG, catalog, "sqlite", true, heard)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("revision V9 (82701862649a) failed")
                .hasMessageContaining("the database is at V1 (991b6f8cf6be)").hasMessageContaining("file_paths");

        assertThat(heard.rebuilds("file")).isEqualTo(1);
        assertThat(appliedVersions(catalog)).containsExactly("1");
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version")).containsExactly("991b6f8cf6be");
        assertThat(schema(catalog)).isEqualTo(before);
        assertThat(Rows.digest(catalog, Fixtures.CATALOG_TABLES)).isEqualTo(rows);
    }

    @Test
    void aDeferredConversionRefusesInItsOwnRevisionWithTheUsualMessage() throws Exception {
        TestDatabase monitor = atRevisionOneWithData(NldsDatabase.MONITOR, "label");
        MigrationHarness.migrateTo(managed(NldsDatabase.MONITOR, monitor, "none", true, new Heard()), 4);
        // no revision's map takes this label: V5's conversion, the group's first rebuild, refuses it
        Rows.execute(monitor, "UPDATE sub_record SET state = 'NO_SUCH_STATE' WHERE id = 7");
        Map<String, String> rows = Rows.digest(monitor, Fixtures.MONITOR_TABLES);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed(NldsDatabase.MONITOR, monitor, "sqlite", true,
                new Heard())))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision V5 (eaeeec0b5cf2) failed, the database is at V4")
                .hasMessageContaining("NO_SUCH_STATE (1 rows)");

        assertThat(appliedVersions(monitor)).containsExactly("1", "2", "3", "4");
        assertThat(Rows.digest(monitor, Fixtures.MONITOR_TABLES)).isEqualTo(rows);
    }

    @Test
    void withDeferralOffAGroupRebuildsAsRevisionsCommittedOneByOneDo() throws Exception {
        TestDatabase monitor = atRevisionOneWithData(NldsDatabase.MONITOR, "off");
        Heard heard = new Heard();

        DatabaseMigrator.migrate(managed(NldsDatabase.MONITOR, monitor, "sqlite", false, heard));

        assertThat(heard.rebuilds("sub_record")).isEqualTo(3);
    }

    private TestDatabase atRevisionOneWithData(NldsDatabase database, String name) throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve(name + "-" + database.id() + ".db"));
        MigrationHarness.migrateTo(MigrationHarness.managed(database, db), 1);
        try (Connection connection = db.connect()) {
            if (database == NldsDatabase.CATALOG) {
                new BenchmarkData(FILES).loadCatalog(connection);
            } else {
                new BenchmarkData(FILES).loadMonitor(connection);
            }
        }
        return db;
    }

    private static ManagedDatabase managed(NldsDatabase database, TestDatabase db, String grouping, boolean defer,
            ProgressListener listener) {
        Map<String, String> settings = new HashMap<>(MigrationHarness.FIXTURE_SETTINGS);
        settings.put(RevisionGrouping.PROPERTY, grouping);
        settings.put(DeferredRebuilds.PROPERTY, String.valueOf(defer));
        DatabaseTarget target = new DatabaseTarget(database, db.backend(), db.url(), db.user(), db.password());
        return ManagedDatabase.create(target, DataSourceFactory.migrationDataSource(target, Duration.ofSeconds(30),
                LockPolicy.from(settings::get)), settings::get, listener, RevisionChain.extraPackages(database));
    }

    private static DatabaseSchema schema(TestDatabase db) throws Exception {
        return Fixtures.inspect(db);
    }

    private static List<String> appliedVersions(TestDatabase db) throws Exception {
        return Rows.column(db, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
    }
}
