package uk.ac.ceda.nlds.db.startup;

/**
 * A database could not be brought to head. The message names the database, the revision that
 * failed, where the database was left (always a complete revision) and the cause.
 */
public class MigrationFailedException extends RuntimeException {

    private final String database;

    public MigrationFailedException(String database, String message, Throwable cause) {
        super(database + ": " + message, cause);
        this.database = database;
    }

    public String database() {
        return database;
    }
}
