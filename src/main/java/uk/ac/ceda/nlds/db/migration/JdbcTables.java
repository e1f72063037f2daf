package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether a table exists in the connection's own schema, read from the JDBC metadata. */
public final class JdbcTables {

    private JdbcTables() {
    }

    public static boolean exists(Connection connection, String table) throws SQLException {
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
}
