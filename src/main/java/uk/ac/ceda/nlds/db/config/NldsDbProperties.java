package uk.ac.ceda.nlds.db.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the catalog and monitor databases are and how the service connects to them. With no
 * configuration both are SQLite files under {@code data/} in the working directory.
 */
@ConfigurationProperties("nlds.db")
public class NldsDbProperties {

    /** The catalog database: holdings, transactions, tags, files, locations, checksums, aggregations. */
    private final Database catalog = new Database();

    /** The monitor database: transaction records, sub-records and their states, failed files, warnings. */
    private final Database monitor = new Database();

    /** How long a SQLite connection waits for another connection's lock before it fails. */
    private Duration sqliteBusyTimeout = Duration.ofSeconds(30);

    public Database getCatalog() {
        return catalog;
    }

    public Database getMonitor() {
        return monitor;
    }

    public Database get(NldsDatabase database) {
        return database == NldsDatabase.CATALOG ? catalog : monitor;
    }

    /** How long the service waits at boot for a database that does not answer yet, retrying with backoff. */
    private Duration startupWait = Duration.ofSeconds(60);

    public Duration getStartupWait() {
        return startupWait;
    }

    public void setStartupWait(Duration startupWait) {
        this.startupWait = startupWait;
    }

    public Duration getSqliteBusyTimeout() {
        return sqliteBusyTimeout;
    }

    public void setSqliteBusyTimeout(Duration sqliteBusyTimeout) {
        this.sqliteBusyTimeout = sqliteBusyTimeout;
    }

    /** One database's connection settings. */
    public static class Database {

        /**
         * JDBC URL: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE. Empty means the SQLite
         * file data/catalog.db or data/monitor.db in the working directory.
         */
        private String url;

        /** User name for PostgreSQL; unused for SQLite. */
        private String username;

        /** Password for PostgreSQL; never logged or shown. */
        private String password;

        /** Largest number of pooled connections the service keeps to this database. */
        private int maximumPoolSize = 5;

        /** How long the service waits for a pooled connection before failing a request. */
        private Duration connectionTimeout = Duration.ofSeconds(30);

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public int getMaximumPoolSize() {
            return maximumPoolSize;
        }

        public void setMaximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }
    }
}
