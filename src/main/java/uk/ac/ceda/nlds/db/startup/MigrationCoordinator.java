package uk.ac.ceda.nlds.db.startup;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.StartupErrors;
import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDbProperties;
import uk.ac.ceda.nlds.db.operations.DatabaseStatus;
import uk.ac.ceda.nlds.db.runtime.MigrationStatusBoard;

/**
 * Brings the catalog and then the monitor database to head, then checks the service's entity
 * models against both, before the service takes traffic: until then readiness is down and the
 * traffic gate answers 503, while liveness stays up. A failure stops the start (or, with
 * {@code nlds.migration.fail-fast=false}, keeps the service up but never ready); the failing
 * database stays at its last complete revision, and a rerun continues.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MigrationCoordinator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationCoordinator.class);

    private final List<ManagedDatabase> databases;
    private final MigrationStatusBoard board;
    private final NldsDbProperties properties;
    private final boolean failFast;
    private volatile List<MigrationOutcome> outcomes = List.of();

    public MigrationCoordinator(ManagedDatabase catalogDatabase, ManagedDatabase monitorDatabase,
            MigrationStatusBoard board, NldsDbProperties properties,
            @Value("${nlds.migration.fail-fast:true}") boolean failFast) {
        this.databases = List.of(catalogDatabase, monitorDatabase);
        this.board = board;
        this.properties = properties;
        this.failFast = failFast;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<MigrationOutcome> results = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            try {
                DatabaseWait.await(database, properties.getStartupWait());
                board.migrating(database);
                results.add(DatabaseMigrator.migrate(database));
                EntityModelCheck.verify(database);
                board.upToDate(database.id(), DatabaseStatus.read(database));
            } catch (RuntimeException e) {
                board.failed(database.id(), StartupErrors.oneLine(e), readable(database));
                if (failFast) {
                    throw e;
                }
                log.error("{}: {}; the service stays up but not ready (nlds.migration.fail-fast=false)",
                        database.id(), StartupErrors.oneLine(e));
                return;
            }
        }
        outcomes = List.copyOf(results);
    }

    /** The database's status for the endpoint after a failure, if it can still be read. */
    private static DatabaseStatus readable(ManagedDatabase database) {
        try {
            return DatabaseStatus.read(database);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the last run did, one entry per database. */
    public List<MigrationOutcome> outcomes() {
        return outcomes;
    }
}
