package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * How big a table is now: its rows, counted ({@code exact}) or, on PostgreSQL where counting would
 * be slow, the planner's estimate ({@code pg_class.reltuples}); and on PostgreSQL its bytes
 * (heap, and with indexes), which is what a rewrite or a scan costs; and its indexes, which a
 * rebuild recreates (SQLite) and an updated row writes (PostgreSQL); and on SQLite the rows whose
 * foreign keys a rebuild of it checks (its own rows once per key, and the rows of every table that
 * references it).
 */
public record TableSize(String table, long rows, boolean exact, Long heapBytes, Long totalBytes, int indexes,
        long foreignKeyRows) {

    /** Above this estimate a PostgreSQL table is not counted: a count would read it all. */
    static final long COUNT_LIMIT = 1_000_000;

    /** The sizes of {@code tables} (those that do not exist yet have none). */
    public static Map<String, TableSize> read(Connection connection, Backend backend, Collection<String> tables)
            throws SQLException {
        Map<String, TableSize> sizes = new TreeMap<>();
        for (String table : tables) {
            if (backend == Backend.SQLITE) {
                if (exists(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table)) {
                    long rows = count(connection, table);
                    sizes.put(table, new TableSize(table, rows, true, null, null,
                            (int) count(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                                    table), sqliteForeignKeyRows(connection, table, rows)));
                }
            } else {
                postgres(connection, table).ifPresent(size -> sizes.put(table, size));
            }
        }
        return sizes;
    }

    private static java.util.Optional<TableSize> postgres(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT c.reltuples::bigint,"
                + " pg_relation_size(c.oid), pg_total_relation_size(c.oid),"
                + " (SELECT COUNT(*) FROM pg_index i WHERE i.indrelid = c.oid) FROM pg_class c"
                + " WHERE c.oid = to_regclass(?)")) {
            st.setString(1, Sql.quote(table));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                long estimate = rs.getLong(1);
                long heap = rs.getLong(2);
                long total = rs.getLong(3);
                // reltuples is -1 before the first VACUUM or ANALYZE: then count whatever the size
                boolean count = estimate < 0 || estimate <= COUNT_LIMIT;
                long rows = count ? count(connection, table) : estimate;
                return java.util.Optional.of(new TableSize(table, rows, count, heap, total, rs.getInt(4), 0));
            }
        }
    }

    private static long sqliteForeignKeyRows(Connection connection, String table, long rows) throws SQLException {
        long checked = rows * count(connection, "SELECT COUNT(DISTINCT id) FROM pragma_foreign_key_list(?)", table);
        List<String> referencing = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT DISTINCT m.name FROM sqlite_master m,"
                + " pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = ? AND m.name <> ?")) {
            st.setString(1, table);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    referencing.add(rs.getString(1));
                }
            }
        }
        for (String child : referencing) {
            checked += count(connection, child);
        }
        return checked;
    }

    private static long count(Connection connection, String table) throws SQLException {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM " + Sql.quote(table));
    }

    private static boolean exists(Connection connection, String sql, String table) throws SQLException {
        return count(connection, sql, table) > 0;
    }

    private static long count(Connection connection, String sql, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** A table a pending revision creates: nothing in it yet. */
    static TableSize absent(String table) {
        return new TableSize(table, 0, true, 0L, 0L, 0, 0);
    }
}
