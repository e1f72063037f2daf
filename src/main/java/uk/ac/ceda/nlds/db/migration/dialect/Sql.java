package uk.ac.ceda.nlds.db.migration.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small SQL helpers shared by both dialects. */
public final class Sql {

    private static final Logger log = LoggerFactory.getLogger(Sql.class);

    private Sql() {
    }

    /** Quotes an identifier; both backends accept double quotes, and names like "user" need them. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static int execute(Connection connection, String sql) throws SQLException {
        log.debug("{}", sql);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return statement.getUpdateCount();
        }
    }

    /** Whether {@code table} exists in the connection's current schema. */
    public static boolean hasTable(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equals(connection.getSchema())) {
                    return true;
                }
            }
            return false;
        }
    }

    public static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
