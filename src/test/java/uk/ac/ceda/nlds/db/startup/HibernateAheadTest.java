package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Which databases make {@code --migrate-only} start Hibernate beside the context: those with revisions to run. */
class HibernateAheadTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @Test
    void aSqliteFileThatDoesNotExistYetHasEveryRevisionToRunAndIsNotCreated() {
        Path file = folder.resolve("catalog.db");

        assertThat(behindHead(TestDatabase.sqlite(file))).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aSqliteDatabaseTheAlembicChainMadeHasNoHistory() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        Rows.execute(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");

        assertThat(behindHead(db)).isTrue();
    }

    @Test
    void aSqliteDatabaseBelowHeadIsBehindAndOneAtHeadIsNot() {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 1);
        assertThat(behindHead(db)).isTrue();

        MigrationHarness.migrateToHead(catalog);

        assertThat(behindHead(db)).isFalse();
    }

    @Test
    void anEmptyPostgresDatabaseIsBehindAndOneWithAHistoryAtHeadIsNot() throws Exception {
        TestDatabase db = postgres.create();
        assertThat(behindHead(db)).isTrue();

        Rows.execute(db, "CREATE TABLE " + FlywayHistory.TABLE + " (version VARCHAR(50), success BOOLEAN)");
        Rows.execute(db, "INSERT INTO " + FlywayHistory.TABLE + " VALUES (NULL, true), ('8', true), ('"
                + RevisionChain.head() + "', false)");
        assertThat(behindHead(db)).as("the head's row failed").isTrue();

        Rows.execute(db, "INSERT INTO " + FlywayHistory.TABLE + " VALUES ('" + RevisionChain.head() + "', true)");

        assertThat(behindHead(db)).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReachedStartsNothing() {
        // port 1: nothing listens, the connection is refused at once
        DatabaseTarget unreachable = new DatabaseTarget(NldsDatabase.CATALOG, Backend.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/nlds", "nlds", null);

        assertThat(behindHead(unreachable)).isFalse();
    }

    /** Through the migration's data source, as the one-shot makes it from the settings. */
    private static boolean behindHead(TestDatabase db) {
        return behindHead(new DatabaseTarget(NldsDatabase.CATALOG, db.backend(), db.url(), db.user(), db.password()));
    }

    private static boolean behindHead(DatabaseTarget target) {
        return HibernateAhead.behindHead(target, DataSourceFactory.migrationDataSource(target, Duration.ofSeconds(30),
                LockPolicy.from(name -> null)), RevisionChain.head());
    }
}
