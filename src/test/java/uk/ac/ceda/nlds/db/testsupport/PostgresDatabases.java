package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway PostgreSQL databases for one test class: {@link #create()} makes a new empty database
 * of its own. After the class, sessions a test left open on them are ended; the databases are dropped
 * when the test JVM exits ({@link PostgresThrowaways}), or at once by {@link #drop()} (a benchmark's
 * large ones). Register with
 * {@code @RegisterExtension static PostgresDatabases postgres = new PostgresDatabases();}.
 */
public final class PostgresDatabases implements AfterAllCallback {

    private final List<String> created = new ArrayList<>();

    /** A new empty database on the test server, this class's own. */
    public synchronized TestDatabase create() {
        PostgresServer server = PostgresServer.get();
        String name = PostgresThrowaways.create(server);
        created.add(name);
        return new TestDatabase(server.urlFor(name), server.user(), server.password(), name);
    }

    /** Ends the sessions left on this class's databases, which are not used again. */
    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (created.isEmpty()) {
            return; // no PostgreSQL case ran (a SQLite-only selection needs no server)
        }
        try (Connection admin = PostgresServer.get().admin();
                PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ANY (?) AND pid <> pg_backend_pid()")) {
            end.setArray(1, admin.createArrayOf("text", created.toArray()));
            end.execute();
        }
    }

    /** Drops every database made here now rather than when the JVM exits. */
    public synchronized void drop() {
        if (!created.isEmpty()) {
            PostgresThrowaways.drop(PostgresServer.get(), created);
            created.clear();
        }
    }
}
