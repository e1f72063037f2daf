package uk.ac.ceda.nlds.db.config;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;

/**
 * Waits at boot for a database that does not answer yet (a PostgreSQL pod still starting): retries
 * with exponential backoff up to the configured time, logging each attempt once, then fails with
 * the connection check's own message. Only an unreachable server is worth waiting for; a server
 * that answers and refuses (wrong credentials, unknown role or database), or a configuration that
 * cannot work, fails at once.
 *
 * <p>A bean holding {@code nlds.db.startup-wait}, so that the coordinator needs the wait and not the
 * properties it comes from.
 */
public final class DatabaseWait {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

    private final Duration maximum;

    public DatabaseWait(Duration maximum) {
        this.maximum = maximum;
    }

    /**
     * The connection that answered, handed over so that a caller with little to do (the no-op
     * start) needs no second one (the migration's data source is not pooled); the caller closes it.
     */
    public Connection connect(ManagedDatabase database) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(maximum.toMillis());
        BackOffExecution execution = backOff.start();
        for (int attempt = 1;; attempt++) {
            try {
                Connection connection = ConnectionCheck.open(database);
                if (attempt > 1) {
                    log.info("{}: the database answers after {} attempts", database.id(), attempt);
                }
                return connection;
            } catch (MigrationException e) {
                if (!unreachable(e)) {
                    throw e;
                }
                long wait = execution.nextBackOff();
                if (wait == BackOffExecution.STOP) {
                    throw new MigrationException(e.getMessage() + " (gave up after " + attempt + " attempts in "
                            + maximum.toSeconds() + " s; nlds.db.startup-wait sets how long)", e);
                }
                log.warn("{}: not reachable yet (attempt {}), retrying in {} ms: {}", database.id(), attempt, wait,
                        e.getMessage());
                sleep(wait);
            }
        }
    }

    /**
     * Whether the server could not be reached at all (refused or timed-out connection, a host name
     * not resolvable yet) or answered that it is still starting (SQLSTATE 57P03), rather than
     * answering with a refusal (SQLSTATE 28000, 28P01 authentication; 3D000 unknown database).
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SQLException sql && "57P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the database", e);
        }
    }
}
