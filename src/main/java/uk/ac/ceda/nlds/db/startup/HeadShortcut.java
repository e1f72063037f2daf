package uk.ac.ceda.nlds.db.startup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.AlembicVersionTable;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * The no-op start in one query: when the history shows every revision of this build applied
 * successfully, with this build's checksums and descriptions and nothing unknown, Flyway would do
 * nothing, so neither the lock nor Flyway is needed. Anything else (no history, pending, failed,
 * edited or unknown revisions, a read error) answers false and the full path decides and reports.
 */
final class HeadShortcut {

    private HeadShortcut() {
    }

    static boolean atHead(ManagedDatabase database) {
        try (Connection connection = database.migrationDataSource().getConnection()) {
            return atHead(database, connection);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The same on the caller's connection, left in auto-commit as it came. */
    static boolean atHead(ManagedDatabase database, Connection connection) {
        RevisionCatalogue revisions = database.revisions();
        String history = Sql.quote(database.flyway().getConfiguration().getTable());
        try (Statement st = connection.createStatement()) {
            Set<Integer> applied = new HashSet<>();
            int baseline = 0;
            try (ResultSet rs = st.executeQuery("SELECT version, description, type, checksum, success FROM " + history
                    + " WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    int version = Integer.parseInt(rs.getString(1));
                    if (!rs.getBoolean(5) || version > revisions.headVersion()) {
                        return false;
                    }
                    if (rs.getString(3).equals("BASELINE")) {
                        baseline = Math.max(baseline, version);
                        continue;
                    }
                    Revision revision = revisions.at(version);
                    Integer checksum = rs.getObject(4) == null ? null : rs.getInt(4);
                    if (!rs.getString(3).equals("JDBC") || !Objects.equals(checksum, revision.getChecksum())
                            || !rs.getString(2).equals(revision.getDescription())) {
                        return false;
                    }
                    applied.add(version);
                }
            }
            for (int version = baseline + 1; version <= revisions.headVersion(); version++) {
                if (!applied.contains(version)) {
                    return false;
                }
            }
            if (alembicInStep(st, revisions.head())) {
                return true; // one read, not the catalog look-up recording it would start with
            }
            connection.setAutoCommit(false);
            try {
                // a run killed between Flyway's commit and this update would leave it behind
                AlembicVersionTable.record(connection, revisions.head());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback(); // not committed half by the switch back to auto-commit
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code alembic_version} names head already; false when it cannot be read (missing: recorded next). */
    private static boolean alembicInStep(Statement st, Revision head) {
        try {
            return AlembicVersionTable.ids(st).equals(List.of(head.alembicId()));
        } catch (SQLException e) {
            return false;
        }
    }
}
