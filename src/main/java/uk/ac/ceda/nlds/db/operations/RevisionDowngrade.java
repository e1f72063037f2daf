package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.AlembicVersionTable;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.startup.MigrationOutcome;

/**
 * Takes databases back to earlier revisions with the revisions' own downgrades, which Flyway
 * Community cannot do. Per database, the reverted revisions, the history rows they leave and
 * {@code alembic_version} change in one transaction under the migration lock. When several
 * databases go down together, every one is reverted in its open transaction before any commits:
 * a revision that refuses (it would lose information) or fails in either database leaves both
 * exactly as they were.
 */
public final class RevisionDowngrade {

    private static final Logger log = LoggerFactory.getLogger(RevisionDowngrade.class);

    private RevisionDowngrade() {
    }

    public static MigrationOutcome run(ManagedDatabase database, int target) {
        return run(List.of(database), List.of(target)).get(0);
    }

    /** Downgrades {@code databases.get(i)} to {@code targets.get(i)}, all or none. */
    public static List<MigrationOutcome> run(List<ManagedDatabase> databases, List<Integer> targets) {
        List<Reverted> reverted = new ArrayList<>();
        try {
            for (int i = 0; i < databases.size(); i++) {
                reverted.add(Reverted.open(databases.get(i), targets.get(i)));
            }
            List<MigrationOutcome> outcomes = new ArrayList<>();
            for (Reverted database : reverted) {
                outcomes.add(database.commit());
            }
            return outcomes;
        } catch (RuntimeException e) {
            // a failing commit leaves those before it downgraded; everything else is undone
            List<String> done = reverted.stream().filter(r -> r.committed).map(r -> r.database.id()).toList();
            List<String> undone = reverted.stream().filter(Reverted::rollback).map(r -> r.database.id()).toList();
            if (!(e instanceof MigrationFailedException failure)) {
                throw e;
            }
            List<String> others = undone.stream().filter(id -> !id.equals(failure.database())).toList();
            MigrationFailedException noted = others.isEmpty() ? failure
                    : failure.withNote(String.join(" and ", others) + " rolled back with it, unchanged");
            throw done.isEmpty() ? noted : noted.withNote(String.join(" and ", done) + " already downgraded");
        } finally {
            reverted.forEach(Reverted::close);
        }
    }

    /** One database reverted in a transaction that is still open, its lock still held. */
    private static final class Reverted implements AutoCloseable {

        private final ManagedDatabase database;
        private final DatabaseStatus status;
        private final int target;
        private final MigrationLock.Held lock;
        private Connection connection;
        private boolean committed;

        private Reverted(ManagedDatabase database, DatabaseStatus status, int target, MigrationLock.Held lock) {
            this.database = database;
            this.status = status;
            this.target = target;
            this.lock = lock;
        }

        static Reverted open(ManagedDatabase database, int target) {
            MigrationLock.Held lock = database.lock().acquire();
            Reverted reverted = null;
            try {
                DatabaseStatus status = DatabaseStatus.read(database);
                check(database, status, target);
                reverted = new Reverted(database, status, target, lock);
                reverted.revert();
                return reverted;
            } catch (RuntimeException e) {
                if (reverted != null) {
                    reverted.rollback();
                    reverted.close();
                } else {
                    lock.close();
                }
                throw e;
            }
        }

        private static void check(ManagedDatabase database, DatabaseStatus status, int target) {
            RevisionCatalogue revisions = database.revisions();
            if (!status.problems().isEmpty()) {
                throw new MigrationFailedException(database.id(), "cannot downgrade, the history disagrees with this"
                        + " build: " + status.problems().get(0) + "; nothing was changed", null);
            }
            if (target > status.version()) {
                throw new InvalidInputException(database.id() + ": target " + revisions.describe(target)
                        + " is ahead of the current revision " + revisions.describe(status.version()) + "; use upgrade");
            }
        }

        private void revert() {
            if (target == status.version()) {
                return;
            }
            RevisionCatalogue revisions = database.revisions();
            int reverting = status.version();
            try {
                connection = database.migrationDataSource().getConnection();
                connection.setAutoCommit(false);
                for (; reverting > target; reverting--) {
                    log.info("{}: reverting {}", database.id(), revisions.at(reverting).label());
                    revisions.at(reverting).revert(connection);
                }
                if (status.origin() == DatabaseStatus.Origin.FLYWAY) {
                    new HistoryTable(database.historyTable())
                            .truncateAbove(connection, target, revisions);
                }
                AlembicVersionTable.record(connection, target == 0 ? null : revisions.at(target));
            } catch (Exception e) {
                String failing = reverting > target ? "downgrade of " + revisions.describe(reverting)
                        : "recording the downgrade";
                throw new MigrationFailedException(database.id(), failing + " failed, nothing was changed and the"
                        + " database is still at " + status.label() + ": " + DatabaseMigrator.rootMessage(e), e);
            }
        }

        MigrationOutcome commit() {
            String before = status.label();
            if (connection == null) {
                return new MigrationOutcome(database.id(), before, before, 0, status.atHead());
            }
            try {
                connection.commit();
                committed = true;
            } catch (SQLException e) {
                throw new MigrationFailedException(database.id(), "committing the downgrade failed, the database is"
                        + " still at " + before + ": " + DatabaseMigrator.rootMessage(e), e);
            }
            String after = database.revisions().describe(target);
            log.info("{}: downgraded from {} to {}", database.id(), before, after);
            return new MigrationOutcome(database.id(), before, after, -(status.version() - target), false);
        }

        /** Undoes the open transaction; true when there was one to undo. */
        boolean rollback() {
            if (connection == null || committed) {
                return false;
            }
            try {
                connection.rollback();
            } catch (SQLException e) {
                log.warn("{}: rolling back the downgrade failed: {}", database.id(), e.getMessage());
            }
            return true;
        }

        @Override
        public void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                log.warn("{}: closing the downgrade connection failed: {}", database.id(), e.getMessage());
            } finally {
                lock.close();
            }
        }
    }
}
