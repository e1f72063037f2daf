package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * Alembic's own record of a database's revision, {@code alembic_version}, kept on the Alembic id of
 * the revision this project brought the database to, so the Python service can always take the
 * database back at the same revision: every revision writes it in its own transaction (see
 * {@link Revision#migrate}), creating the table as Alembic creates it where it is missing.
 */
public final class AlembicVersionTable {

    public static final String NAME = "alembic_version";

    private AlembicVersionTable() {
    }

    /**
     * Records {@code current} inside the caller's transaction; {@code null} stands for base, where
     * Alembic keeps the table with no row. Writes nothing when the table already says so.
     */
    public static void record(Connection connection, Revision current) throws SQLException {
        if (!Sql.hasTable(connection, NAME)) {
            if (current == null) {
                return;
            }
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE " + NAME + " (version_num VARCHAR(32) NOT NULL,"
                        + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            }
        }
        try (Statement st = connection.createStatement()) {
            if (ids(st).equals(current == null ? List.of() : List.of(current.alembicId()))) {
                return; // already in step: a no-op start writes nothing
            }
            st.executeUpdate("DELETE FROM " + NAME);
            if (current != null) {
                st.executeUpdate("INSERT INTO " + NAME + " (version_num) VALUES ('" + current.alembicId() + "')");
            }
        }
    }

    /** The ids the table holds (Alembic keeps exactly one, or none at base). */
    public static List<String> ids(Statement st) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT version_num FROM " + NAME)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
