package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.core.Backend;
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

        assertThat(HibernateAhead.withoutHistory(target(TestDatabase.sqlite(file)))).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aSqliteDatabaseTheAlembicChainMadeHasNoHistory() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        Rows.execute(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");

        assertThat(HibernateAhead.withoutHistory(target(db))).isTrue();
    }

    @Test
    void aMigratedSqliteDatabaseHasHistory() {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, db), 1);

        assertThat(HibernateAhead.withoutHistory(target(db))).isFalse();
    }

    @Test
    void anEmptyPostgresDatabaseHasNoHistoryAndOneWithItsTableHas() throws Exception {
        TestDatabase db = postgres.create();
        assertThat(HibernateAhead.withoutHistory(target(db))).isTrue();

        Rows.execute(db, "CREATE TABLE " + FlywayHistory.TABLE + " (installed_rank INT)");

        assertThat(HibernateAhead.withoutHistory(target(db))).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReachedStartsNothing() {
        // port 1: nothing listens, the connection is refused at once
        DatabaseTarget unreachable = new DatabaseTarget(NldsDatabase.CATALOG, Backend.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/nlds", "nlds", null);

        assertThat(HibernateAhead.withoutHistory(unreachable)).isFalse();
    }

    private static DatabaseTarget target(TestDatabase db) {
        return new DatabaseTarget(NldsDatabase.CATALOG, db.backend(), db.url(), db.user(), db.password());
    }
}
