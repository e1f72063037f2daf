package uk.ac.ceda.nlds.db.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.model.EntityModel;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * Checks that the service's current entities agree with the migrated schema: every table and
 * column, type, nullability, default, key, index and enum label. It stands in for Hibernate's
 * own validation, which cannot read SQLite's declared types reliably.
 *
 * <p>A bean, so that the coordinator's behaviour around a failed check can be tested without a
 * schema that really differs.
 */
@Component
public class EntityModelCheck {

    private static final Logger log = LoggerFactory.getLogger(EntityModelCheck.class);

    /** Bookkeeping tables that no entity maps. */
    public static final Set<String> BOOKKEEPING_TABLES = AlembicAdoption.BOOKKEEPING_TABLES;

    /**
     * Starts reading the model the check will compare against (class-path scan of the entity package,
     * the build's recorded models: a few hundred milliseconds of class loading on a process's first
     * check) on a thread of its own, so that it overlaps whatever the caller does next (the one-shot's
     * context start, the coordinator's connects and head checks); the check itself waits for it. A
     * thread of its own rather than the common pool, whose threads' context class loader is the system
     * loader (Java 19+), blind to the classes inside the nested jar. A failure here is left for the
     * check to meet and report.
     */
    public CompletableFuture<Void> prefetch(DatabaseTarget target) {
        return CompletableFuture.runAsync(() -> {
            try {
                EntityModel.of(target.backend(), target.database().entityPackage());
            } catch (RuntimeException e) {
                log.debug("{}: reading the entity model ahead failed, the check reads it again: {}",
                        target.database().id(), e.getMessage());
            }
        }, task -> Thread.ofPlatform().daemon().name("entity-model-" + target.database().id()).start(task));
    }

    public List<SchemaDifference> differences(ManagedDatabase database) {
        try (Connection connection = database.migrationDataSource().getConnection()) {
            return differences(database, connection);
        } catch (SQLException e) {
            throw unreadable(database, e);
        }
    }

    /** The same on the caller's connection (the no-op start's only one). */
    public List<SchemaDifference> differences(ManagedDatabase database, Connection connection) {
        DatabaseSchema expected = EntityModel.of(database.target().backend(),
                database.target().database().entityPackage());
        try {
            DatabaseSchema actual = Dialect.of(database.target().backend()).inspector().inspect(connection);
            return new SchemaComparison(database.target().backend(), BOOKKEEPING_TABLES).compare(expected, actual);
        } catch (SQLException e) {
            throw unreadable(database, e);
        }
    }

    private static MigrationFailedException unreadable(ManagedDatabase database, SQLException e) {
        return new MigrationFailedException(database.id(), "cannot read the schema to check the entity model: "
                + e.getMessage(), e);
    }

    public void verify(ManagedDatabase database) {
        try (Connection connection = database.migrationDataSource().getConnection()) {
            verify(database, connection);
        } catch (SQLException e) {
            throw unreadable(database, e);
        }
    }

    public void verify(ManagedDatabase database, Connection connection) {
        verify(database, differences(database, connection));
    }

    /** Fails with one line (and the whole list in the log) unless the differences found are none. */
    public void verify(ManagedDatabase database, List<SchemaDifference> differences) {
        if (!differences.isEmpty()) {
            String at = DatabaseMigrator.describe(database, DatabaseMigrator.currentVersion(database));
            log.error("{}: the service's entity model does not match the schema at {}, {} differences:\n{}",
                    database.id(), at, differences.size(), SchemaComparison.describe(differences));
            throw new MigrationFailedException(database.id(), "the service's entity model does not match the schema at "
                    + at + ": " + SchemaComparison.summary(differences)
                    + "; run a build whose entities match this revision (the whole list is in the log)", null);
        }
    }
}
