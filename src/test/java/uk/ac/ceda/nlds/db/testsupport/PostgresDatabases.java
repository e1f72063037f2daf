package uk.ac.ceda.nlds.db.testsupport;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway PostgreSQL databases for one test class: {@link #create()} gives an empty database
 * of its own; after the class each is emptied for another class of this JVM or dropped
 * ({@link PostgresDatabasePool}). Register with
 * {@code @RegisterExtension static PostgresDatabases postgres = new PostgresDatabases();}.
 */
public final class PostgresDatabases implements AfterAllCallback {

    private final List<String> created = new ArrayList<>();

    /** An empty database of its own on the test server. */
    public synchronized TestDatabase create() {
        PostgresServer server = PostgresServer.get();
        String name = PostgresDatabasePool.take(server);
        created.add(name);
        return new TestDatabase(server.urlFor(name), server.user(), server.password(), name);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (created.isEmpty()) {
            return; // no PostgreSQL case ran (a SQLite-only selection needs no server)
        }
        for (String name : created) {
            PostgresDatabasePool.release(PostgresServer.get(), name);
        }
        created.clear();
    }
}
