package uk.ac.ceda.nlds.db.migration.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/** Reads the schema of a live database into the project's schema model. */
public interface SchemaInspector {

    /** Every table (including bookkeeping tables such as Flyway's history) and enum type. */
    DatabaseSchema inspect(Connection connection) throws SQLException;

    Optional<Table> table(Connection connection, String name) throws SQLException;
}
