package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * Writes Flyway's history table where Flyway Community cannot: removing reverted revisions after
 * a downgrade and recording stamped ones. Rows are written exactly as Flyway writes a Java
 * migration (type {@code JDBC}, class name as script, the revision's checksum), so Flyway's own
 * validation accepts them. Everything runs inside the caller's transaction.
 */
final class HistoryTable {

    private final String table;

    HistoryTable(String table) {
        this.table = Sql.quote(table);
    }

    private record Row(int rank, int version, String type) {
    }

    /**
     * Leaves the history at {@code target}: rows above it go; a baseline above it (an adopted
     * database) moves down to the target, which stands for every revision up to it.
     */
    void truncateAbove(Connection connection, int target, RevisionCatalogue revisions) throws SQLException {
        for (Row row : rows(connection)) {
            if (row.version() <= target) {
                continue;
            }
            if (row.type().equals("BASELINE") && target > 0) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                        + " SET version = ?, description = ? WHERE installed_rank = ?")) {
                    update.setString(1, String.valueOf(target));
                    update.setString(2, "Baseline at " + revisions.at(target).label());
                    update.setInt(3, row.rank());
                    update.executeUpdate();
                }
            } else {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE installed_rank = ?")) {
                    delete.setInt(1, row.rank());
                    delete.executeUpdate();
                }
            }
        }
    }

    /** Records revisions {@code from}…{@code to} as applied without running them. */
    void recordStamped(Connection connection, int from, int to, RevisionCatalogue revisions, String stampedBy)
            throws SQLException {
        int rank = nextRank(connection);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (installed_rank, version, description, type, script, checksum, installed_by, installed_on,"
                + " execution_time, success) VALUES (?, ?, ?, 'JDBC', ?, ?, ?, CURRENT_TIMESTAMP, 0, ?)")) {
            for (int version = from; version <= to; version++) {
                Revision revision = revisions.at(version);
                insert.setInt(1, rank++);
                insert.setString(2, String.valueOf(version));
                insert.setString(3, revision.getDescription());
                insert.setString(4, revision.getClass().getName());
                insert.setInt(5, revision.getChecksum());
                insert.setString(6, stampedBy);
                insert.setBoolean(7, true);
                insert.executeUpdate();
            }
        }
    }

    /** The highest successfully recorded version, 0 when none. */
    int highestVersion(Connection connection) throws SQLException {
        return rows(connection).stream().mapToInt(Row::version).max().orElse(0);
    }

    private int nextRank(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(installed_rank) FROM " + table)) {
            return rs.next() ? rs.getInt(1) + 1 : 1;
        }
    }

    /** Versioned, successful rows; Flyway's schema markers and repeatables carry no version. */
    private List<Row> rows(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank, version, type FROM " + table
                        + " WHERE version IS NOT NULL AND success")) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), Integer.parseInt(rs.getString(2)), rs.getString(3)));
            }
        }
        return rows;
    }
}
