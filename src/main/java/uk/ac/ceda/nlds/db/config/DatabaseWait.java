package uk.ac.ceda.nlds.db.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import uk.ac.ceda.nlds.db.migration.MigrationException;

/**
 * Waits at boot for a database that does not answer yet (a PostgreSQL pod still starting): retries
 * with exponential backoff up to the configured time, logging each attempt once, then fails with
 * the connection check's own message.
 */
public final class DatabaseWait {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

    private DatabaseWait() {
    }

    public static void await(ManagedDatabase database, Duration maximum) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(maximum.toMillis());
        BackOffExecution execution = backOff.start();
        for (int attempt = 1;; attempt++) {
            try {
                ConnectionCheck.verify(database);
                if (attempt > 1) {
                    log.info("{}: the database answers after {} attempts", database.id(), attempt);
                }
                return;
            } catch (MigrationException e) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the database", e);
        }
    }
}
