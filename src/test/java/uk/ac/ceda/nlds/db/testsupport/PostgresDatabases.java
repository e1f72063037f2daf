package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway PostgreSQL databases for one test class: {@link #create()} makes a fresh empty
 * database; all are dropped after the class. Register with
 * {@code @RegisterExtension static PostgresDatabases postgres = new PostgresDatabases();}.
 */
public final class PostgresDatabases implements AfterAllCallback {

    private final List<String> created = new ArrayList<>();

    /** A new empty database on the test server. */
    public synchronized TestDatabase create() {
        PostgresServer server = PostgresServer.get();
        String name = "nlds_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        created.add(name);
        return new TestDatabase(server.urlFor(name), server.user(), server.password(), name);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (created.isEmpty()) {
            return; // no PostgreSQL case ran (a SQLite-only selection needs no server)
        }
        try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
            for (String name : created) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        created.clear();
    }
}
