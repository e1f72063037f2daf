package uk.ac.ceda.nlds.db.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * A test database handed out again is as empty as a new one: what a class left in it is gone, and
 * one whose database-level settings a class changed is dropped rather than handed out.
 */
class PostgresDatabasePoolTest {

    @Test
    void aReleasedDatabaseComesBackWithNothingTheLastClassLeftInIt() throws Exception {
        PostgresDatabases first = new PostgresDatabases();
        TestDatabase used = first.create();
        Rows.execute(used, "CREATE TYPE state AS ENUM ('A', 'B')", "CREATE TABLE t (id SERIAL PRIMARY KEY, s state)",
                "CREATE INDEX t_s ON t (s)", "INSERT INTO t (s) VALUES ('A')", "CREATE SCHEMA other",
                "CREATE TABLE other.u (id INT)", "CREATE FUNCTION f() RETURNS INT LANGUAGE SQL AS 'SELECT 1'");
        first.afterAll(null);

        PostgresDatabases second = new PostgresDatabases();
        TestDatabase again = second.create();
        try {
            assertThat(again.name()).as("the pool hands the emptied database out again").isEqualTo(used.name());
            assertThat(Fixtures.inspect(again).tables()).isEmpty();
            assertThat(Rows.column(again, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                    + " ORDER BY 1")).containsExactly("information_schema", "public");
            assertThat(Rows.column(again, "SELECT count(*) FROM pg_type WHERE oid >= 16384")).containsExactly("0");
            assertThat(Rows.column(again, "SELECT count(*) FROM pg_proc WHERE oid >= 16384")).containsExactly("0");
            assertThat(Rows.column(again, "SELECT has_schema_privilege('public', 'public', 'USAGE')")).containsExactly("true");
        } finally {
            second.afterAll(null);
        }
    }

    @Test
    void aDatabaseWithItsOwnSettingsIsDroppedNotHandedOut() throws Exception {
        PostgresDatabases first = new PostgresDatabases();
        TestDatabase changed = first.create();
        try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + changed.name() + " SET statement_timeout = '1s'");
        }
        first.afterAll(null);

        try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + changed.name() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("dropped").isZero();
        }
    }
}
