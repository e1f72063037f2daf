package uk.ac.ceda.nlds.db.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/** The catalog and monitor databases of one NLDS installation, on one backend, as processes see them. */
public record DatabasePair(TestDatabase catalog, TestDatabase monitor) {

    /** Two fresh empty databases: new PostgreSQL databases, or two new SQLite files in {@code folder}. */
    public static DatabasePair fresh(Backend backend, PostgresDatabases postgres, Path folder) throws Exception {
        if (backend == Backend.POSTGRESQL) {
            return new DatabasePair(postgres.create(), postgres.create());
        }
        Files.createDirectories(folder);
        return new DatabasePair(TestDatabase.sqlite(folder.resolve("catalog.db")),
                TestDatabase.sqlite(folder.resolve("monitor.db")));
    }

    /** What {@code java -jar nlds-db.jar} needs to reach both, with the settings revision 3 needs. */
    public Map<String, String> environment() {
        Map<String, String> environment = new TreeMap<>(Map.of("NLDS_DB_CATALOG_URL", catalog.url(),
                "NLDS_DB_MONITOR_URL", monitor.url()));
        MigrationHarness.FIXTURE_SETTINGS.forEach((property, value) -> environment.put(
                property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", ""), value));
        credentials(environment, "CATALOG", catalog);
        credentials(environment, "MONITOR", monitor);
        return environment;
    }

    private static void credentials(Map<String, String> environment, String database, TestDatabase db) {
        if (db.user() != null) {
            environment.put("NLDS_DB_" + database + "_USERNAME", db.user());
        }
        if (db.password() != null) {
            environment.put("NLDS_DB_" + database + "_PASSWORD", db.password());
        }
    }

    /** An identical copy: {@code CREATE DATABASE … TEMPLATE} on PostgreSQL, file copies into {@code folder} on SQLite. */
    public DatabasePair copy(PostgresDatabases postgres, Path folder) throws Exception {
        if (catalog.backend() == Backend.POSTGRESQL) {
            DatabasePair copy = new DatabasePair(postgres.create(), postgres.create());
            try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
                for (TestDatabase[] target : new TestDatabase[][] {{copy.catalog, catalog}, {copy.monitor, monitor}}) {
                    st.execute("DROP DATABASE " + target[0].name());
                    st.execute("CREATE DATABASE " + target[0].name() + " TEMPLATE " + target[1].name());
                }
            }
            return copy;
        }
        DatabasePair copy = fresh(Backend.SQLITE, postgres, folder);
        Files.copy(file(catalog), file(copy.catalog), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(file(monitor), file(copy.monitor), StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** Drops PostgreSQL copies made in a loop before the class ends; SQLite files stay with their folder. */
    public void drop() throws SQLException {
        if (catalog.backend() == Backend.POSTGRESQL) {
            try (Connection admin = PostgresServer.get().admin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + catalog.name() + " WITH (FORCE)");
                st.execute("DROP DATABASE IF EXISTS " + monitor.name() + " WITH (FORCE)");
            }
        }
    }

    /** Row counts and content digests of every NLDS table of both databases. */
    public Map<String, String> digest() throws SQLException {
        Map<String, String> digest = new LinkedHashMap<>(Rows.digest(catalog, Fixtures.CATALOG_TABLES));
        digest.putAll(Rows.digest(catalog, "aggregation"));
        digest.putAll(Rows.digest(monitor, Fixtures.MONITOR_TABLES));
        return digest;
    }

    private static Path file(TestDatabase db) {
        return Path.of(db.url().substring("jdbc:sqlite:".length()));
    }
}
