package uk.ac.ceda.nlds.db.startup;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;

/**
 * Brings the catalog and then the monitor database to head, then checks the service's entity
 * models against both, before Spring Boot reports the service ready for traffic. A failure stops
 * the start: the failing database stays at its last complete revision, and a rerun continues.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MigrationCoordinator implements ApplicationRunner {

    private final List<ManagedDatabase> databases;
    private volatile List<MigrationOutcome> outcomes = List.of();

    public MigrationCoordinator(ManagedDatabase catalogDatabase, ManagedDatabase monitorDatabase) {
        this.databases = List.of(catalogDatabase, monitorDatabase);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<MigrationOutcome> results = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            results.add(DatabaseMigrator.migrate(database));
        }
        databases.forEach(EntityModelCheck::verify);
        outcomes = List.copyOf(results);
    }

    /** What the last run did, one entry per database. */
    public List<MigrationOutcome> outcomes() {
        return outcomes;
    }
}
