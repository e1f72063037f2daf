package uk.ac.ceda.nlds.db.migration.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.PostgresServer;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.ServiceProcess;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * {@code --migrate-only} and the service on a PostgreSQL database others are using: a session
 * holding a lock on {@code location} while revision 3 must alter it, another process holding the
 * migration lock, and a role whose own statement timeout would cancel a long revision.
 */
class LiveDatabaseLockIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String BLOCKER = "nlds-test-blocker";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @Test
    void aBlockerOnLocationIsNamedAndRetriedUntilItCommitsThenTheMigrationFinishes() throws Exception {
        DatabasePair pair = atRevisionTwoWithALocation();
        try (Connection blocker = blockLocation(pair.catalog());
                ServiceProcess migration = migrateOnly(pair, "--nlds.migration.lock-timeout=1s",
                        "--nlds.migration.lock-retry-for=10m")) {
            int pid = pid(blocker);

            migration.awaitLog("catalog: V3 (ee82dd99bfc0) waits for a lock on table location held by pid " + pid
                    + " (user ", PATIENCE);
            String log = migration.awaitLog("catalog: V3 (ee82dd99bfc0) did not get its lock within"
                    + " nlds.migration.lock-timeout (1 s) on attempt 1; rolled back to the previous revision", PATIENCE);
            assertThat(log).containsPattern("held by pid " + pid + " \\(user \\w+, application '" + BLOCKER + "', client [^,]+,"
                    + " idle in transaction, transaction open \\d+ s, query 'SELECT id FROM location WHERE id = 1 FOR UPDATE'\\)");
            assertThat(version(pair.catalog())).as("each attempt rolls back to the previous revision").isEqualTo(2);

            blocker.commit();

            assertThat(migration.awaitExit(PATIENCE)).as(migration.log()).isZero();
            assertThat(migration.log()).contains("catalog: V2 (bf09ce0d6899) -> V9 (82701862649a) (7 revisions applied)");
        }
        assertThat(version(pair.catalog())).isEqualTo(9);
        assertThat(Rows.column(pair.catalog(), "SELECT url_netloc FROM location")).containsExactly("nlds-tenancy.example.org");
    }

    @Test
    void whenTheRetriesAreSpentOneLineNamesRevisionTableBlockerAndRemedyAndTheDatabaseStaysAtTheRevisionBefore()
            throws Exception {
        DatabasePair pair = atRevisionTwoWithALocation();
        Map<String, String> before = Rows.digest(pair.catalog(), Fixtures.CATALOG_TABLES);
        try (Connection blocker = blockLocation(pair.catalog());
                ServiceProcess migration = migrateOnly(pair, "--nlds.migration.lock-timeout=1s",
                        "--nlds.migration.lock-retry-for=3s")) {
            int pid = pid(blocker);

            assertThat(migration.awaitExit(PATIENCE)).isEqualTo(1);

            assertThat(migration.log()).containsPattern("nlds-db: catalog: revision V3 \\(ee82dd99bfc0\\) could not lock"
                    + " table location in \\d+ attempts over nlds.migration.lock-retry-for \\(3 s\\): blocked by pid " + pid
                    + " \\(user \\w+, application '" + BLOCKER + "', client [^,]+, idle in transaction, transaction open \\d+ s,"
                    + " query 'SELECT id FROM location WHERE id = 1 FOR UPDATE'\\); end it \\(SELECT pg_terminate_backend\\("
                    + pid + "\\)\\) or migrate at a quieter moment; the database is at V2 \\(bf09ce0d6899\\); monitor is at head "
                    + Pattern.quote(RevisionChain.headLabel()) + "\n");
            blocker.rollback();
        }
        assertThat(version(pair.catalog())).isEqualTo(2);
        assertThat(version(pair.monitor())).as("migrated beside the blocked catalog").isEqualTo(RevisionChain.head());
        assertThat(Rows.column(pair.catalog(), "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'location' AND column_name = 'url_netloc'")).containsExactly("0");
        assertThat(Rows.digest(pair.catalog(), Fixtures.CATALOG_TABLES)).isEqualTo(before);
    }

    @Test
    void aSecondMigrationLogsWhoHoldsTheMigrationLockAndFollowsOnceItIsFree() throws Exception {
        DatabasePair pair = atRevisionTwoWithALocation();
        try (Connection blocker = blockLocation(pair.catalog());
                ServiceProcess first = migrateOnly(pair, "--nlds.migration.lock-timeout=1s",
                        "--nlds.migration.lock-retry-for=10m")) {
            first.awaitLog("catalog: V3 (ee82dd99bfc0) waits for a lock on table location", PATIENCE);
            int holder = advisoryLockHolder(pair.catalog());
            try (ServiceProcess second = migrateOnly(pair)) {

                String log = second.awaitLog("catalog: waiting for the migration lock, held by pid " + holder + " (user ",
                        PATIENCE);
                assertThat(log).containsPattern("held by pid " + holder + " \\(user \\w+, application 'nlds-db migration [^']+',"
                        + " client [^,]+, holding it since \\d{4}-[^)]+\\)");

                blocker.commit();

                assertThat(first.awaitExit(PATIENCE)).as(first.log()).isZero();
                assertThat(second.awaitExit(PATIENCE)).as(second.log()).isZero();
                assertThat(second.log()).contains("catalog: the other process finished; continuing");
            }
        }
        assertThat(version(pair.catalog())).isEqualTo(9);
        assertThat(Rows.column(pair.catalog(), "SELECT count(*) FROM flyway_schema_history WHERE version = '3'"))
                .as("migrated once").containsExactly("1");
    }

    @Test
    void aBoundedWaitForTheMigrationLockEndsInOneLineAndLeavesThatDatabaseUnchanged() throws Exception {
        DatabasePair pair = atRevisionTwoWithALocation();
        Map<String, String> before = Rows.digest(pair.catalog(), Fixtures.CATALOG_TABLES);
        try (Connection holder = pair.catalog().connect()) {
            holder.setClientInfo("ApplicationName", BLOCKER);
            execute(holder, "SELECT pg_advisory_lock(" + PostgresAdvisoryLock.KEY + ")");
            int pid = pid(holder);
            try (ServiceProcess migration = migrateOnly(pair, "--nlds.migration.lock-wait=2s")) {

                assertThat(migration.awaitExit(PATIENCE)).isEqualTo(1);

                assertThat(migration.log()).containsPattern("catalog: waiting for the migration lock, held by pid " + pid
                        + " \\(user \\w+, application '" + BLOCKER + "', client [^,]+, holding it since [^)]+\\);"
                        + " giving up after nlds.migration.lock-wait \\(2 s\\)");
                assertThat(migration.log()).containsPattern("nlds-db: catalog: gave up waiting for the migration lock after"
                        + " nlds.migration.lock-wait \\(2 s\\): pid " + pid + " \\([^)]+\\) is migrating this database; let it"
                        + " finish and start again, or, if it is stuck, end it with SELECT pg_terminate_backend\\(" + pid
                        + "\\); nothing was changed; monitor is at head " + Pattern.quote(RevisionChain.headLabel()) + "\n");
            }
        }
        assertThat(version(pair.catalog())).isEqualTo(2);
        assertThat(Rows.digest(pair.catalog(), Fixtures.CATALOG_TABLES)).isEqualTo(before);
        assertThat(version(pair.monitor())).as("migrated beside the waiting catalog").isEqualTo(RevisionChain.head());
    }

    @Test
    void theServiceShowsWhoBlocksItOnTheEndpointWhileItWaits() throws Exception {
        DatabasePair pair = atRevisionTwoWithALocation();
        try (Connection blocker = blockLocation(pair.catalog());
                ServiceProcess service = ServiceProcess.start(folder, pair.environment(),
                        "--nlds.migration.lock-timeout=2s", "--nlds.migration.lock-retry-for=10m")) {
            int pid = pid(blocker);

            ServiceProcess.Response waiting = service.await("/actuator/migrations",
                    r -> r.body().contains("\"state\":\"WAITING_FOR_LOCK\""), PATIENCE);
            assertThat(waiting.body()).contains("\"lock\":\"table location\"").contains("\"revision\":\"V3 (ee82dd99bfc0)\"")
                    .contains("\"pid\":" + pid).contains("\"applicationName\":\"" + BLOCKER + "\"")
                    .contains("\"state\":\"idle in transaction\"");
            assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(503);

            blocker.commit();

            service.await("/actuator/health/readiness", r -> r.status() == 200, PATIENCE);
            assertThat(service.get("/actuator/migrations").body()).doesNotContain("WAITING_FOR_LOCK")
                    .doesNotContain("\"blockers\"");
        }
    }

    @Test
    void aRoleWhoseStatementTimeoutIsOneSecondStillMigratesThroughAStatementThatTakesLonger() throws Exception {
        String role = "nlds_test_role_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DatabasePair pair = DatabasePair.fresh(Backend.POSTGRESQL, postgres, folder);
        try (Connection admin = PostgresServer.get().admin()) {
            execute(admin, "CREATE ROLE " + role + " LOGIN", "ALTER ROLE " + role + " SET statement_timeout = '1s'",
                    "ALTER DATABASE " + pair.catalog().name() + " OWNER TO " + role,
                    "ALTER DATABASE " + pair.monitor().name() + " OWNER TO " + role);
        }
        DatabasePair asRole = new DatabasePair(as(pair.catalog(), role), as(pair.monitor(), role));
        try {
            try (Connection session = asRole.catalog().connect(); Statement st = session.createStatement();
                    ResultSet rs = st.executeQuery("SHOW statement_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the role's own setting").isEqualTo("1s");
            }
            migrateToTwoWithALocation(asRole);
            // a statement that waits 1.5 s for its lock outlasts the role's timeout just as a long rewrite would
            try (Connection blocker = blockLocation(asRole.catalog());
                    ServiceProcess migration = migrateOnly(asRole, "--nlds.migration.lock-timeout=10m")) {
                awaitMigrationStatementOlderThan(asRole.catalog(), role, "1.5 s", migration);

                blocker.commit();

                assertThat(migration.awaitExit(PATIENCE)).as(migration.log()).isZero();
            }
            assertThat(version(asRole.catalog())).isEqualTo(9);
        } finally {
            asRole.drop();
            try (Connection admin = PostgresServer.get().admin()) {
                execute(admin, "DROP ROLE " + role);
            }
        }
    }

    /** Polls pg_stat_activity until the migration's statement has run longer than {@code age}, under the role's name. */
    private static void awaitMigrationStatementOlderThan(TestDatabase database, String role, String age,
            ServiceProcess migration) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Connection watcher = database.connect(); PreparedStatement ps = watcher.prepareStatement(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND usename = ?"
                        + " AND wait_event_type = 'Lock' AND now() - query_start > ?::interval")) {
            ps.setString(1, role);
            ps.setString(2, age);
            while (System.nanoTime() < deadline && migration.isAlive()) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        assertThat(rs.getString(1)).startsWith("nlds-db migration ");
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the migration's statement never ran longer than " + age + "\n" + migration.log());
    }

    private DatabasePair atRevisionTwoWithALocation() throws Exception {
        DatabasePair pair = DatabasePair.fresh(Backend.POSTGRESQL, postgres, folder);
        migrateToTwoWithALocation(pair);
        return pair;
    }

    private static void migrateToTwoWithALocation(DatabasePair pair) throws SQLException {
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 2);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 2);
        Rows.execute(pair.catalog(), "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'u', 'g')",
                "INSERT INTO \"transaction\" (id, transaction_id, holding_id) VALUES (1, 't', 1)",
                "INSERT INTO file (id, transaction_id) VALUES (1, 1)",
                "INSERT INTO location (id, storage_type, root, path, file_id) VALUES (1, 'OBJECT_STORAGE', 'r', 'p', 1)");
    }

    /** A session as the previous release might leave it: a row of location locked, its transaction open and idle. */
    private static Connection blockLocation(TestDatabase database) throws SQLException {
        Connection blocker = database.connect();
        blocker.setClientInfo("ApplicationName", BLOCKER);
        blocker.setAutoCommit(false);
        execute(blocker, "SELECT id FROM location WHERE id = 1 FOR UPDATE");
        return blocker;
    }

    private ServiceProcess migrateOnly(DatabasePair pair, String... settings) throws Exception {
        // the tests' logback configuration (on the process's loader path) shows warnings only
        List<String> args = new java.util.ArrayList<>(List.of("--migrate-only", "--logging.level.uk.ac.ceda.nlds.db=info"));
        args.addAll(List.of(settings));
        return ServiceProcess.start(folder, pair.environment(), args.toArray(String[]::new));
    }

    private static TestDatabase as(TestDatabase database, String role) {
        return new TestDatabase(database.url().replaceAll("([?&])user=[^&]*", "$1user=" + role), role, null,
                database.name());
    }

    private static int advisoryLockHolder(TestDatabase database) throws SQLException {
        List<String> holders = Rows.column(database, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND objsubid = 1 AND classid::bigint = " + (PostgresAdvisoryLock.KEY >>> 32)
                + " AND objid::bigint = " + (PostgresAdvisoryLock.KEY & 0xffffffffL));
        assertThat(holders).hasSize(1);
        return Integer.parseInt(holders.get(0));
    }

    private static int version(TestDatabase database) throws SQLException {
        return Integer.parseInt(Rows.column(database, "SELECT max(version::int) FROM flyway_schema_history"
                + " WHERE success").get(0));
    }

    /** Without a query, so the session's last query stays the one that took its lock. */
    private static int pid(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
