package uk.ac.ceda.nlds.db.config;

import java.sql.Connection;
import java.sql.SQLException;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;

/** Proves a database answers before anything reads or changes it, with one line that says what to check. */
public final class ConnectionCheck {

    private ConnectionCheck() {
    }

    public static void verify(ManagedDatabase database) {
        try {
            open(database).close();
        } catch (SQLException e) {
            throw new MigrationException(database.id() + ": cannot close the connection to "
                    + database.target().maskedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The checked connection itself, for a caller that goes on with it: the caller closes it. */
    public static Connection open(ManagedDatabase database) {
        try {
            Connection connection = database.migrationDataSource().getConnection();
            try {
                connection.getMetaData();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new MigrationException(database.id() + ": cannot connect to " + database.target().maskedUrl() + ": "
                    + cause.trim() + "; check nlds.db." + database.id() + ".url, the credentials and that the server is"
                    + " running", e);
        }
    }
}
