package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Which databases make {@code --migrate-only} start Hibernate beside the context: those with every revision to run. */
class HibernateAheadTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @Test
    void aSqliteFileThatDoesNotExistYetHasEveryRevisionToRunAndIsNotCreated() {
        Path file = folder.resolve("catalog.db");

        assertThat(withoutHistory(TestDatabase.sqlite(file))).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aSqliteDatabaseTheAlembicChainMadeHasNoHistory() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        Rows.execute(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");

        assertThat(withoutHistory(db)).isTrue();
    }

    @Test
    void aMigratedSqliteDatabaseHasHistory() {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, db), 1);

        assertThat(withoutHistory(db)).isFalse();
    }

    @Test
    void anEmptyPostgresDatabaseHasNoHistoryAndOneWithItsTableHas() throws Exception {
        TestDatabase db = postgres.create();
        assertThat(withoutHistory(db)).isTrue();

        Rows.execute(db, "CREATE TABLE " + FlywayHistory.TABLE + " (installed_rank INT)");

        assertThat(withoutHistory(db)).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReachedStartsNothing() {
        // port 1: nothing listens, the connection is refused at once
        DatabaseTarget unreachable = new DatabaseTarget(NldsDatabase.CATALOG, Backend.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/nlds", "nlds", null);

        assertThat(withoutHistory(unreachable)).isFalse();
    }

    /** Through the migration's data source, as the one-shot makes it from the settings. */
    private static boolean withoutHistory(TestDatabase db) {
        return withoutHistory(new DatabaseTarget(NldsDatabase.CATALOG, db.backend(), db.url(), db.user(), db.password()));
    }

    private static boolean withoutHistory(DatabaseTarget target) {
        return HibernateAhead.withoutHistory(target, DataSourceFactory.migrationDataSource(target, Duration.ofSeconds(30),
                LockPolicy.from(name -> null)));
    }
}
