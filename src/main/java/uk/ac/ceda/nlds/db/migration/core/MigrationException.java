package uk.ac.ceda.nlds.db.migration.core;

/**
 * A migration refused or failed for a reason an operator can act on. The message is one line
 * that says what is wrong and what to do; nothing was changed by the failing revision.
 */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
