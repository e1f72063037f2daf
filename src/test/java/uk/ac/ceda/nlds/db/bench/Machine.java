package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.PostgresServer;

/** The machine and software the numbers were taken on, as one line each. */
final class Machine {

    private Machine() {
    }

    static List<String> describe(List<Backend> backends) throws IOException, SQLException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 / 1024 + " GiB")
                .orElse("unknown");
        String postgres = "not run";
        if (backends.contains(Backend.POSTGRESQL)) {
            try (Connection c = PostgresServer.get().connect("postgres"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                postgres = "PostgreSQL " + rs.getString(1) + " on the same machine";
            }
        }
        return List.of(
                "CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores (shared with other work)",
                "Memory: " + memory,
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "Databases: " + postgres + "; SQLite " + org.sqlite.SQLiteJDBCLoader.getVersion()
                        + " (sqlite-jdbc), files on local disk");
    }
}
