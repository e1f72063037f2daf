package uk.ac.ceda.nlds.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import uk.ac.ceda.nlds.db.bench.BenchmarkData;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** A SQLite table rebuild that runs out of disk, or meets a read-only file, leaves the table as it was. */
class SqliteStorageFaultTest {

    @TempDir
    Path folder;

    @Test
    void aDiskThatFillsDuringARebuildLeavesTheTableAndTheRevisionAsTheyWere() throws Exception {
        TestDatabase catalog = catalogAtRevisionThree();
        Map<String, String> before = Rows.digest(catalog, Fixtures.CATALOG_TABLES);
        long pages = Long.parseLong(Rows.column(catalog, "PRAGMA page_count").get(0));
        SQLiteConfig full = new SQLiteConfig();
        full.enforceForeignKeys(false);
        full.setPragma(SQLiteConfig.Pragma.MAX_PAGE_COUNT, String.valueOf(pages + 5));

        assertFailsAndLeavesRevisionThree(catalog, full, "full");
        assertThat(Rows.digest(catalog, Fixtures.CATALOG_TABLES)).isEqualTo(before);
    }

    @Test
    void aReadOnlyFileStopsTheRebuildBeforeAnythingChanges() throws Exception {
        TestDatabase catalog = catalogAtRevisionThree();
        Map<String, String> before = Rows.digest(catalog, Fixtures.CATALOG_TABLES);
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.enforceForeignKeys(false);
        readOnly.setReadOnly(true);

        assertFailsAndLeavesRevisionThree(catalog, readOnly, "readonly");
        assertThat(Rows.digest(catalog, Fixtures.CATALOG_TABLES)).isEqualTo(before);
    }

    private void assertFailsAndLeavesRevisionThree(TestDatabase catalog, SQLiteConfig config, String cause)
            throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(catalog.url());
        DatabaseTarget target = new DatabaseTarget(NldsDatabase.CATALOG, Backend.SQLITE, catalog.url(), null, null);
        ManagedDatabase managed = ManagedDatabase.create(target, dataSource, MigrationHarness.FIXTURE_SETTINGS::get,
                ProgressListener.NONE, List.of());

        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed, 4)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("catalog: revision V4 (fa9f4b687d19) failed, the database is at V3 (ee82dd99bfc0)")
                .hasMessageContaining(cause);
        ManagedDatabase healthy = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);
        assertThat(DatabaseMigrator.currentVersion(healthy)).isEqualTo(3);
        assertThat(Fixtures.inspect(catalog).tables().keySet()).noneMatch(t -> t.startsWith("_alembic_tmp_"));
        assertThat(Fixtures.differencesFromFresh(catalog, NldsDatabase.CATALOG, 3, null, folder)).isEmpty();
    }

    private TestDatabase catalogAtRevisionThree() throws Exception {
        TestDatabase catalog = TestDatabase.sqlite(folder.resolve("catalog.db"));
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);
        MigrationHarness.migrateTo(managed, 1);
        try (Connection connection = catalog.connect()) {
            new BenchmarkData(3_000).loadCatalog(connection);
        }
        MigrationHarness.migrateTo(managed, 3);
        return catalog;
    }
}
