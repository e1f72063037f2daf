package uk.ac.ceda.nlds.db.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes test rows with plain JDBC. */
public final class Rows {

    private Rows() {
    }

    public static void execute(TestDatabase database, String... statements) throws SQLException {
        try (Connection connection = database.connect(); Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Every row of a query as column → value maps, in the query's order. */
    public static List<Map<String, Object>> query(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The first column of a query as strings, in order. */
    public static List<String> column(TestDatabase database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Map<String, Object> row : query(database, sql)) {
            Object value = row.values().iterator().next();
            values.add(value == null ? null : value.toString());
        }
        return values;
    }

    public static long count(TestDatabase database, String table) throws SQLException {
        return Long.parseLong(column(database, "SELECT COUNT(*) FROM \"" + table + "\"").get(0));
    }

    /**
     * Each listed table's row count and a SHA-256 of its rows in id order, streamed: a full-content
     * comparison that stays small for large tables.
     */
    public static Map<String, String> digest(TestDatabase database, String... tables) throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement st = connection.createStatement()) {
            st.setFetchSize(5_000);
            for (String table : tables) {
                java.security.MessageDigest sha = sha256();
                long rows = 0;
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            sha.update(String.valueOf(rs.getString(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            sha.update((byte) 0);
                        }
                    }
                }
                digests.put(table, rows + " rows " + java.util.HexFormat.of().formatHex(sha.digest()));
            }
        }
        return digests;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All rows of every listed table as text, for before/after comparisons. */
    public static String dump(TestDatabase database, String... tables) throws SQLException {
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append(table).append('\n');
            for (Map<String, Object> row : query(database, "SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                dump.append(row).append('\n');
            }
        }
        return dump.toString();
    }
}
