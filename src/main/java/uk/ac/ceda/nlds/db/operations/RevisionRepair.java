package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.HistoryChecksums;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;

/**
 * Repairs the revision history (Flyway's word): records this build's checksum for applied
 * revisions whose recorded one is the previous builds' checksum of the same source, and removes
 * rows of revisions that failed. It refuses, changing nothing, while any applied revision was
 * changed or is unknown to this build: no repair makes those true.
 */
public final class RevisionRepair {

    private static final Logger log = LoggerFactory.getLogger(RevisionRepair.class);

    private RevisionRepair() {
    }

    /** What a repair of {@code database} would do, or the refusal that stops it; changes nothing. */
    public static HistoryChecksums.Plan plan(ManagedDatabase database) {
        try (Connection connection = database.migrationDataSource().getConnection()) {
            return plan(database, connection);
        } catch (SQLException e) {
            throw cannotRead(database, e);
        }
    }

    /** Carries out the repair in one transaction under the migration lock; what it did. */
    public static HistoryChecksums.Plan run(ManagedDatabase database) {
        try (MigrationLock.Held held = database.lock().acquire();
                Connection connection = database.migrationDataSource().getConnection()) {
            connection.setAutoCommit(false);
            HistoryChecksums.Plan plan = plan(database, connection);
            HistoryChecksums.apply(connection, historyTable(database), plan, database.revisions());
            connection.commit();
            log.info("{}: repaired the history: {} checksums recorded, {} failed rows removed", database.id(),
                    plan.legacy().size(), plan.failed().size());
            return plan;
        } catch (SQLException e) {
            throw cannotRead(database, e);
        }
    }

    private static HistoryChecksums.Plan plan(ManagedDatabase database, Connection connection) throws SQLException {
        if (!Sql.hasTable(connection, historyTable(database))) {
            return new HistoryChecksums.Plan(java.util.List.of(), java.util.List.of(), java.util.List.of());
        }
        HistoryChecksums.Plan plan = HistoryChecksums.plan(connection, historyTable(database), database.revisions());
        if (!plan.refusals().isEmpty()) {
            throw new MigrationFailedException(database.id(), plan.refusals().get(0) + "; nothing was changed", null);
        }
        return plan;
    }

    private static String historyTable(ManagedDatabase database) {
        return database.historyTable();
    }

    private static MigrationFailedException cannotRead(ManagedDatabase database, SQLException e) {
        return new MigrationFailedException(database.id(), "cannot repair the history: " + e.getMessage()
                + "; nothing was changed", e);
    }
}
