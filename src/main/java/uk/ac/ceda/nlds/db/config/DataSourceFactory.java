package uk.ac.ceda.nlds.db.config;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.lock.PostgresSessions;

/**
 * Builds the two kinds of DataSource each database has: the service's pool, and the plain
 * DataSource migrations run on. On SQLite they differ on purpose: the service enforces foreign
 * keys, while migrations switch enforcement off so table rebuilds can drop and rename tables
 * (SQLite cannot change that setting inside a transaction) and check foreign keys themselves.
 */
public final class DataSourceFactory {

    private DataSourceFactory() {
    }

    public static HikariDataSource servicePool(DatabaseTarget target, NldsDbProperties.Database settings,
            Duration sqliteBusyTimeout) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(target.database().id());
        pool.setJdbcUrl(target.url());
        pool.setMaximumPoolSize(settings.getMaximumPoolSize());
        pool.setConnectionTimeout(settings.getConnectionTimeout().toMillis());
        if (target.backend() == Backend.SQLITE) {
            sqliteConfig(true, sqliteBusyTimeout).toProperties().forEach((k, v) -> pool.addDataSourceProperty((String) k, v));
        } else {
            pool.setUsername(target.username());
            pool.setPassword(target.password());
            // lets enum columns take labels bound as strings, on both backends the same entities
            pool.addDataSourceProperty("stringtype", "unspecified");
        }
        return pool;
    }

    /**
     * On PostgreSQL every migration session carries the lock policy's timeouts as startup options
     * (they override what the role or database sets) and says what it is in {@code application_name}.
     */
    public static DataSource migrationDataSource(DatabaseTarget target, Duration sqliteBusyTimeout, LockPolicy policy) {
        if (target.backend() == Backend.SQLITE) {
            SQLiteDataSource dataSource = new SQLiteDataSource(sqliteConfig(false, sqliteBusyTimeout));
            dataSource.setUrl(target.url());
            return dataSource;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(target.url());
        } catch (IllegalArgumentException e) {
            // the driver's message repeats the URL, password included
            throw new InvalidInputException("nlds.db." + target.database().id() + ".url: '" + target.maskedUrl()
                    + "' is not a PostgreSQL URL the driver can read: use jdbc:postgresql://<host>[:<port>]/<database>");
        }
        if (target.username() != null) {
            dataSource.setUser(target.username());
        }
        if (target.password() != null) {
            dataSource.setPassword(target.password());
        }
        try {
            dataSource.setProperty("stringtype", "unspecified");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        dataSource.setOptions(policy.sessionOptions());
        dataSource.setApplicationName(PostgresSessions.MIGRATION_APPLICATION_NAME);
        return dataSource;
    }

    private static SQLiteConfig sqliteConfig(boolean enforceForeignKeys, Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig(new Properties());
        config.enforceForeignKeys(enforceForeignKeys);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        return config;
    }
}
