package uk.ac.ceda.nlds.db.startup;

/**
 * A database could not be brought to head. The message names the database, the revision that
 * failed, where the database was left (always a complete revision) and the cause.
 */
public class MigrationFailedException extends RuntimeException {

    private final String database;
    private final String detail;

    public MigrationFailedException(String database, String message, Throwable cause) {
        super(database + ": " + message, cause);
        this.database = database;
        this.detail = message;
    }

    /** The same failure with a note on what happened elsewhere (the other database, say). */
    public MigrationFailedException withNote(String note) {
        return new MigrationFailedException(database, detail + "; " + note, getCause());
    }

    public String database() {
        return database;
    }
}
