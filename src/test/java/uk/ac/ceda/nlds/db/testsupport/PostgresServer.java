package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use: the JDBC URL in {@value #URL_VARIABLE} first (an
 * administrative URL that may create databases), Testcontainers when Docker is available,
 * otherwise a failure that says how to provide one. Never a skip.
 */
public final class PostgresServer {

    public static final String URL_VARIABLE = "NLDS_TEST_POSTGRES_URL";

    private static PostgresServer instance;
    private static PostgreSQLContainer container;

    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    private static PostgresServer locate() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url.trim(), null, null);
        }
        if (dockerAvailable()) {
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException("PostgreSQL tests need a server: set " + URL_VARIABLE
                + "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (a user that may create databases),"
                + " or start Docker so Testcontainers can run one");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlFor(database), credentials());
    }

    public Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, credentials());
    }

    /** The JDBC URL of {@code database} on this server, with the admin URL's parameters kept. */
    public String urlFor(String database) {
        String withoutPrefix = adminUrl.substring("jdbc:postgresql://".length());
        int slash = withoutPrefix.indexOf('/');
        int query = withoutPrefix.indexOf('?');
        String hostPort = slash < 0 ? (query < 0 ? withoutPrefix : withoutPrefix.substring(0, query))
                : withoutPrefix.substring(0, slash);
        String parameters = query < 0 ? "" : withoutPrefix.substring(query);
        return "jdbc:postgresql://" + hostPort + "/" + database + parameters;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
