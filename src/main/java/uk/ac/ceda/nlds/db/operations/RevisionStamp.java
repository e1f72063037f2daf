package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.AlembicVersionTable;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionShapes;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.EntityModelCheck;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.startup.MigrationOutcome;

/**
 * Records a revision as the database's current one without running anything, for repairs (as
 * {@code alembic stamp}). It refuses unless the live schema is exactly the one that revision
 * produces, so a stamp can never hide a schema that later revisions would trip over.
 */
public final class RevisionStamp {

    private static final Logger log = LoggerFactory.getLogger(RevisionStamp.class);

    private RevisionStamp() {
    }

    public static MigrationOutcome run(ManagedDatabase database, int target) {
        RevisionCatalogue revisions = database.revisions();
        try (MigrationLock.Held held = database.lock().acquire()) {
            DatabaseStatus status = DatabaseStatus.read(database);
            if (target == status.version() && (status.origin() == DatabaseStatus.Origin.FLYWAY
                    || status.origin() == DatabaseStatus.Origin.EMPTY)) {
                return new MigrationOutcome(database.id(), status.label(), status.label(), 0, status.atHead());
            }
            List<SchemaDifference> differences = differences(database, target);
            if (!differences.isEmpty()) {
                throw new MigrationFailedException(database.id(), "the schema does not look like "
                        + revisions.describe(target) + ": " + SchemaComparison.summary(differences) + "; nothing was changed", null);
            }
            record(database, status, target);
            log.info("{}: stamped at {}", database.id(), revisions.describe(target));
            return new MigrationOutcome(database.id(), status.label(), revisions.describe(target), 0,
                    target == revisions.headVersion());
        }
    }

    /** How the live schema differs from the one {@code version} produces. */
    public static List<SchemaDifference> differences(ManagedDatabase database, int version) {
        DatabaseSchema expected = RevisionShapes.upTo(database.id(), database.target().backend(), database.revisions(),
                database.migrationDataSource(), version).get(version).schema();
        try (Connection connection = database.migrationDataSource().getConnection()) {
            DatabaseSchema actual = Dialect.of(database.target().backend()).inspector().inspect(connection);
            return new SchemaComparison(database.target().backend(), EntityModelCheck.BOOKKEEPING_TABLES)
                    .compare(expected, actual);
        } catch (java.sql.SQLException e) {
            throw new MigrationFailedException(database.id(), "cannot read the schema: " + e.getMessage(), e);
        }
    }

    private static void record(ManagedDatabase database, DatabaseStatus status, int target) {
        RevisionCatalogue revisions = database.revisions();
        try {
            if (status.origin() != DatabaseStatus.Origin.FLYWAY && target > 0) {
                Flyway.configure().configuration(database.flyway().getConfiguration())
                        .baselineVersion(String.valueOf(target))
                        .baselineDescription("Stamped at " + revisions.describe(target))
                        .load().baseline();
            }
            try (Connection connection = database.migrationDataSource().getConnection()) {
                connection.setAutoCommit(false);
                if (status.origin() == DatabaseStatus.Origin.FLYWAY) {
                    HistoryTable history = new HistoryTable(database.historyTable());
                    history.truncateAbove(connection, target, revisions);
                    int highest = history.highestVersion(connection);
                    if (target > highest) {
                        history.recordStamped(connection, highest + 1, target, revisions, stampedBy(connection));
                    }
                }
                AlembicVersionTable.record(connection, target == 0 ? null : revisions.at(target));
                connection.commit();
            }
        } catch (Exception e) {
            throw new MigrationFailedException(database.id(), "cannot record the stamp: " + DatabaseMigrator.rootMessage(e), e);
        }
    }

    private static String stampedBy(Connection connection) throws java.sql.SQLException {
        String user = connection.getMetaData().getUserName();
        return (user == null || user.isBlank() ? System.getProperty("user.name") : user) + " (stamp)";
    }
}
