package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The test JVM's throwaway PostgreSQL databases, emptied and handed out again rather than dropped
 * after each test class. On PostgreSQL 15 every {@code DROP DATABASE} forces a checkpoint, and each
 * {@code CREATE DATABASE} writes a copy of {@code template1}: with a few hundred per test phase, the
 * test JVMs spent most of their time waiting for those, not for the migrations under test.
 *
 * <p>A released database is taken back only if, once its schemas are dropped and {@code public}
 * is made again as {@code template1} has it, it looks exactly as a newly created database did
 * ({@link #signature}: the database's owner, rights, settings and flags, its schemas, and no object
 * of its own in any catalog); anything else, or any error on the way, drops it as before. The idle
 * ones are dropped when the JVM exits. Names stay random, so two test JVMs never share a database.
 */
final class PostgresDatabasePool {

    /** OIDs from here on belong to objects made after {@code initdb}, in the database or copied from its template. */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    /** Catalogs that hold the database's own objects (schemas are compared by name, owner and rights). */
    private static final List<String> CATALOGS = List.of("pg_class", "pg_type", "pg_proc", "pg_constraint",
            "pg_attrdef", "pg_trigger", "pg_rewrite", "pg_policy", "pg_extension", "pg_event_trigger", "pg_publication",
            "pg_default_acl", "pg_largeobject_metadata", "pg_foreign_data_wrapper", "pg_foreign_server",
            "pg_user_mapping", "pg_language", "pg_cast", "pg_collation", "pg_conversion", "pg_operator", "pg_opclass",
            "pg_opfamily", "pg_am", "pg_statistic_ext", "pg_ts_config", "pg_ts_dict", "pg_ts_parser", "pg_ts_template",
            "pg_transform", "pg_init_privs");

    private static final Deque<String> IDLE = new ArrayDeque<>();
    private static String freshSignature;
    private static boolean hookInstalled;

    private PostgresDatabasePool() {
    }

    /** An empty database: an emptied one from the pool, or a new one. */
    static String take(PostgresServer server) {
        synchronized (PostgresDatabasePool.class) {
            installHook();
            String idle = IDLE.pollFirst();
            if (idle != null) {
                return idle;
            }
        }
        String name = "nlds_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        synchronized (PostgresDatabasePool.class) {
            if (freshSignature == null) {
                try {
                    freshSignature = signature(server, name);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read test database " + name + ": " + e.getMessage(), e);
                }
            }
        }
        return name;
    }

    /** Empties {@code name} for the next test class, or drops it when it cannot be made as new. */
    static void release(PostgresServer server, String name) throws SQLException {
        String expected;
        synchronized (PostgresDatabasePool.class) {
            expected = freshSignature;
        }
        boolean reusable = false;
        try {
            reusable = expected != null && empty(server, name) && expected.equals(signature(server, name));
        } catch (SQLException e) {
            reusable = false; // dropped below, as without the pool
        }
        if (reusable) {
            synchronized (PostgresDatabasePool.class) {
                IDLE.addFirst(name);
            }
        } else {
            drop(server, name);
        }
    }

    private static void drop(PostgresServer server, String name) throws SQLException {
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Ends every session on {@code name}, drops its schemas and makes {@code public} again as a new database has it. */
    private static boolean empty(PostgresServer server, String name) throws SQLException {
        try (Connection admin = server.admin()) {
            try (PreparedStatement st = admin.prepareStatement("SELECT pg_terminate_backend(pid, 10000)"
                    + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                st.setString(1, name);
                st.executeQuery().close();
            }
            try (PreparedStatement st = admin.prepareStatement("SELECT count(*) FROM pg_prepared_xacts WHERE database = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
        }
        try (Connection db = server.connect(name); Statement st = db.createStatement()) {
            db.setAutoCommit(false);
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT IN"
                    + " ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%'"
                    + " AND nspname NOT LIKE 'pg\\_temp\\_%'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            for (String schema : schemas) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            st.execute("CREATE SCHEMA public AUTHORIZATION pg_database_owner");
            st.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
            st.execute("COMMENT ON SCHEMA public IS 'standard public schema'");
            db.commit();
        }
        return true;
    }

    /** What must be the same as in a newly created database for {@code name} to count as new. */
    private static String signature(PostgresServer server, String name) throws SQLException {
        StringBuilder signature = new StringBuilder();
        try (Connection admin = server.admin(); PreparedStatement st = admin.prepareStatement(
                "SELECT pg_get_userbyid(datdba), datacl, datallowconn, datconnlimit, datistemplate, encoding, datcollate,"
                        + " datctype, (SELECT count(*) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid)"
                        + " FROM pg_database d WHERE datname = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                append(signature, rs);
            }
        }
        try (Connection db = server.connect(name); Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT nspname, pg_get_userbyid(nspowner), nspacl,"
                    + " obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_temp\\_%'"
                    + " AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' ORDER BY nspname")) {
                append(signature, rs);
            }
            StringBuilder own = new StringBuilder();
            for (String catalog : CATALOGS) {
                String oid = catalog.equals("pg_init_privs") ? "objoid" : "oid";
                own.append(own.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(catalog)
                        .append("', count(*) FROM ").append(catalog).append(" WHERE ").append(oid).append(" >= ")
                        .append(FIRST_NORMAL_OBJECT_ID);
            }
            try (ResultSet rs = st.executeQuery(own.toString())) {
                append(signature, rs);
            }
        }
        return signature.toString();
    }

    private static void append(StringBuilder signature, ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
                signature.append(rs.getString(i)).append('|');
            }
            signature.append('\n');
        }
    }

    /** Drops the idle databases when the JVM exits, a few at once (concurrent drops can share a checkpoint). */
    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<String> idle;
            synchronized (PostgresDatabasePool.class) {
                idle = new ArrayList<>(IDLE);
                IDLE.clear();
            }
            if (idle.isEmpty()) {
                return;
            }
            PostgresServer server = PostgresServer.get();
            try (ExecutorService drops = Executors.newFixedThreadPool(4)) {
                for (String name : idle) {
                    drops.submit(() -> {
                        drop(server, name);
                        return null;
                    });
                }
                drops.shutdown();
                drops.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drop-idle-test-databases"));
    }
}
