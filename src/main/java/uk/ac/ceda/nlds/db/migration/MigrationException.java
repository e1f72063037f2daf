package uk.ac.ceda.nlds.db.migration;

/**
 * The name revisions 3 and 4 throw by: their sources are checksummed with their imports (see
 * {@link JavaTokens}) and, for databases migrated before the meaning checksum, line by line, so
 * an applied revision's import can never change. Everything else throws and catches
 * {@link uk.ac.ceda.nlds.db.migration.core.MigrationException}, which this is.
 */
public class MigrationException extends uk.ac.ceda.nlds.db.migration.core.MigrationException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
