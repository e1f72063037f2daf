package uk.ac.ceda.nlds.db.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/** A database a test owns: its JDBC URL and credentials. */
public record TestDatabase(String url, String user, String password, String name) {

    public static TestDatabase sqlite(Path file) {
        return new TestDatabase("jdbc:sqlite:" + file.toAbsolutePath(), null, null, file.getFileName().toString());
    }

    public Backend backend() {
        return Backend.fromUrl(url);
    }

    /** A plain connection (on SQLite with foreign keys off, as migrations run). */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }
}
