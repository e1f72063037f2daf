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
        return atHead(database, connection, verdict(database, connection));
    }

    /** At head by {@code verdict}, read on {@code connection}; {@code alembic_version} brought in step first if it lags. */
    static boolean atHead(ManagedDatabase database, Connection connection, Verdict verdict) {
        return switch (verdict) {
            case AT_HEAD -> true;
            case AT_HEAD_ALEMBIC_BEHIND -> recordHead(database, connection);
            case NOT_AT_HEAD -> false;
        };
    }

    /** What the history shows; the no-op path needs no more than {@code AT_HEAD}. */
    enum Verdict {
        AT_HEAD,
        /** Flyway's history is at head but {@code alembic_version} is not: a run killed between the two. */
        AT_HEAD_ALEMBIC_BEHIND,
        NOT_AT_HEAD
    }

    /** Reads only: one query of the history and, at head, one of {@code alembic_version}. */
    static Verdict verdict(ManagedDatabase database, Connection connection) {
        RevisionCatalogue revisions = database.revisions();
        String history = Sql.quote(database.historyTable());
        try (Statement st = connection.createStatement()) {
            Set<Integer> applied = new HashSet<>();
            int baseline = 0;
            try (ResultSet rs = st.executeQuery("SELECT version, description, type, checksum, success FROM " + history
                    + " WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    int version = Integer.parseInt(rs.getString(1));
                    if (!rs.getBoolean(5) || version > revisions.headVersion()) {
                        return Verdict.NOT_AT_HEAD;
                    }
                    if (rs.getString(3).equals("BASELINE")) {
                        baseline = Math.max(baseline, version);
                        continue;
                    }
                    Revision revision = revisions.at(version);
                    Integer checksum = rs.getObject(4) == null ? null : rs.getInt(4);
                    if (!rs.getString(3).equals("JDBC") || !Objects.equals(checksum, revision.getChecksum())
                            || !rs.getString(2).equals(revision.getDescription())) {
                        return Verdict.NOT_AT_HEAD;
                    }
                    applied.add(version);
                }
            }
            for (int version = baseline + 1; version <= revisions.headVersion(); version++) {
                if (!applied.contains(version)) {
                    return Verdict.NOT_AT_HEAD;
                }
            }
            // one read, not the catalog look-up recording it would start with
            return alembicInStep(st, revisions.head()) ? Verdict.AT_HEAD : Verdict.AT_HEAD_ALEMBIC_BEHIND;
        } catch (SQLException | RuntimeException e) {
            return Verdict.NOT_AT_HEAD;
        }
    }

    /**
     * Records head in {@code alembic_version}, which a run killed between Flyway's commit and this
     * update left behind; false when it cannot (the full path decides and reports).
     */
    private static boolean recordHead(ManagedDatabase database, Connection connection) {
        try {
            connection.setAutoCommit(false);
            try {
                AlembicVersionTable.record(connection, database.revisions().head());
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
