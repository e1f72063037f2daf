package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The test JVM's throwaway PostgreSQL databases: each is created new, under a random name, for one
 * test class (or one {@link FreshSchemas} entry) and never handed to another; all are dropped
 * together when the JVM exits rather than one by one after each class. On PostgreSQL 15 every
 * {@code DROP DATABASE} forces a checkpoint: dropped between classes, each wrote out what the tests
 * before it had left dirty, and waiting for them was a third of the slowest classes' time (a JFR
 * recording: 70 of 205 s). Dropped together, the first writes that out and the rest find little to
 * write. A JVM that is killed leaves its databases behind, under the {@code nlds_test_} prefix.
 */
final class PostgresThrowaways {

    private static final List<String> CREATED = new ArrayList<>();
    private static boolean dropHookInstalled;

    private PostgresThrowaways() {
    }

    /** A new empty database, dropped when the JVM exits. */
    static String create(PostgresServer server) {
        String name = "nlds_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        synchronized (CREATED) {
            CREATED.add(name);
            if (!dropHookInstalled) {
                dropHookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(server), "drop-test-databases"));
            }
        }
        return name;
    }

    /** Drops {@code names} now (they are no longer dropped at exit). */
    static void drop(PostgresServer server, List<String> names) {
        synchronized (CREATED) {
            CREATED.removeAll(names);
        }
        dropNow(server, List.copyOf(names));
    }

    private static void dropAll(PostgresServer server) {
        List<String> names;
        synchronized (CREATED) {
            names = List.copyOf(CREATED);
            CREATED.clear();
        }
        dropNow(server, names);
    }

    private static void dropNow(PostgresServer server, List<String> names) {
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            for (String name : names) {
                // FORCE: a connection a test left open must not keep its database
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("dropping the test databases " + names + " failed: " + e.getMessage());
        }
    }
}
