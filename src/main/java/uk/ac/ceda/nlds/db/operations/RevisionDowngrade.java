package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.startup.MigrationOutcome;

/**
 * Takes one database back to an earlier revision with the revisions' own downgrades, which
 * Flyway Community cannot do. All reverted revisions, the history rows they leave and
 * {@code alembic_version} change in one transaction under the migration lock: a revision that
 * refuses (it would lose information) or fails leaves the database exactly as it was.
 */
public final class RevisionDowngrade {

    private static final Logger log = LoggerFactory.getLogger(RevisionDowngrade.class);

    private RevisionDowngrade() {
    }

    public static MigrationOutcome run(ManagedDatabase database, int target) {
        RevisionCatalogue revisions = database.revisions();
        try (MigrationLock.Held held = database.lock().acquire()) {
            DatabaseStatus status = DatabaseStatus.read(database);
            if (!status.problems().isEmpty()) {
                throw new MigrationFailedException(database.id(), "cannot downgrade, the history disagrees with this build: "
                        + status.problems().get(0) + "; nothing was changed", null);
            }
            int current = status.version();
            if (target > current) {
                throw new IllegalArgumentException(database.id() + ": target " + revisions.describe(target)
                        + " is ahead of the current revision " + revisions.describe(current) + "; use upgrade");
            }
            if (target == current) {
                return new MigrationOutcome(database.id(), status.label(), status.label(), 0, status.atHead());
            }
            revert(database, status, target);
            String after = revisions.describe(target);
            log.info("{}: downgraded from {} to {}", database.id(), status.label(), after);
            return new MigrationOutcome(database.id(), status.label(), after, -(current - target), false);
        }
    }

    private static void revert(ManagedDatabase database, DatabaseStatus status, int target) {
        RevisionCatalogue revisions = database.revisions();
        int reverting = status.version();
        try (Connection connection = database.migrationDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (; reverting > target; reverting--) {
                    log.info("{}: reverting {}", database.id(), revisions.at(reverting).label());
                    revisions.at(reverting).revert(connection);
                }
                if (status.origin() == DatabaseStatus.Origin.FLYWAY) {
                    new HistoryTable(database.flyway().getConfiguration().getTable())
                            .truncateAbove(connection, target, revisions);
                }
                Optional<Revision> now = target == 0 ? Optional.empty() : Optional.of(revisions.at(target));
                AlembicAdoption.writeAlembicVersion(connection, now.orElse(null));
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        } catch (Exception e) {
            String failing = reverting > target ? "downgrade of " + revisions.describe(reverting) : "recording the downgrade";
            throw new MigrationFailedException(database.id(), failing + " failed, nothing was changed and the database"
                    + " is still at " + status.label() + ": " + DatabaseMigrator.rootMessage(e), e);
        }
    }
}
