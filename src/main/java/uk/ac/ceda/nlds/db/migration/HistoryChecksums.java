package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * Brings the checksums in a Flyway history table in line with this build where the revision is
 * provably the same: a row recorded with the {@linkplain RevisionChecksum#legacy legacy checksum}
 * of this build's own source (a database migrated by a build before the meaning checksum). Rows
 * whose checksum matches neither are never touched: that revision was changed after it was applied.
 *
 * <p>Hand-written rather than Flyway's {@code repair()}, which realigns every checksum whatever
 * it was and marks revisions this build does not know as deleted.
 */
public final class HistoryChecksums {

    private HistoryChecksums() {
    }

    /** One versioned row of the history. */
    public record Row(int rank, int version, String description, String type, Integer checksum, boolean success) {
        String name() {
            return "V" + version + " (" + description + ")";
        }
    }

    /**
     * What a repair would do: checksums to rewrite (legacy ones of an unchanged revision), failed
     * rows to remove, and what it cannot repair (a changed revision, one this build does not know).
     */
    public record Plan(List<Row> legacy, List<Row> failed, List<String> refusals) {
        public boolean nothingToDo() {
            return legacy.isEmpty() && failed.isEmpty();
        }
    }

    /** Whether {@code recorded} is the checksum of {@code revision} in this build or in the builds before it. */
    public static boolean matches(Integer recorded, Revision revision) {
        return Objects.equals(recorded, revision.getChecksum()) || Objects.equals(recorded, revision.legacyChecksum());
    }

    public static Plan plan(Connection connection, String historyTable, RevisionCatalogue revisions) throws SQLException {
        List<Row> legacy = new ArrayList<>();
        List<Row> failed = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Row row : rows(connection, historyTable)) {
            if (!row.success()) {
                failed.add(row);
            } else if (row.version() > revisions.headVersion()) {
                refusals.add(row.name() + " is applied but this build knows only V1 to V" + revisions.headVersion()
                        + ": run a newer nlds-db");
            } else if (row.type().equals("JDBC")) {
                Revision revision = revisions.at(row.version());
                if (Objects.equals(row.checksum(), revision.legacyChecksum())
                        && !Objects.equals(row.checksum(), revision.getChecksum())) {
                    legacy.add(row);
                } else if (!matches(row.checksum(), revision)) {
                    refusals.add(row.name() + " was changed after it was applied (checksum " + row.checksum()
                            + " in the database, " + revision.getChecksum() + " in this build): restore its source as"
                            + " it was applied");
                }
            }
        }
        return new Plan(legacy, failed, refusals);
    }

    /** Carries out the plan's rewrites and removals on {@code connection}, in the caller's transaction. */
    public static void apply(Connection connection, String historyTable, Plan plan, RevisionCatalogue revisions)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + Sql.quote(historyTable)
                + " SET checksum = ? WHERE installed_rank = ?")) {
            for (Row row : plan.legacy()) {
                update.setInt(1, revisions.at(row.version()).getChecksum());
                update.setInt(2, row.rank());
                update.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + Sql.quote(historyTable)
                + " WHERE installed_rank = ?")) {
            for (Row row : plan.failed()) {
                delete.setInt(1, row.rank());
                delete.executeUpdate();
            }
        }
    }

    /**
     * Rewrites the legacy checksums of unchanged revisions in one transaction, so this build's
     * validation accepts a database the previous build migrated; nothing else changes. Where the
     * history has a failed, changed or unknown revision it writes nothing, leaving the refusal to
     * validation with the database untouched. The versions rewritten.
     */
    public static List<Integer> acceptLegacy(DataSource dataSource, String historyTable, RevisionCatalogue revisions)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!Sql.hasTable(connection, historyTable)) {
                return List.of();
            }
            connection.setAutoCommit(false);
            Plan plan = plan(connection, historyTable, revisions);
            if (!plan.refusals().isEmpty() || !plan.failed().isEmpty()) {
                return List.of();
            }
            Plan legacyOnly = new Plan(plan.legacy(), List.of(), List.of());
            apply(connection, historyTable, legacyOnly, revisions);
            connection.commit();
            return plan.legacy().stream().map(Row::version).toList();
        }
    }

    private static List<Row> rows(Connection connection, String historyTable) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, type, checksum, success"
                        + " FROM " + Sql.quote(historyTable) + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), Integer.parseInt(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getInt(5), rs.getBoolean(6)));
            }
        }
        return rows;
    }
}
