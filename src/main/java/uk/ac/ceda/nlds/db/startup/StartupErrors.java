package uk.ac.ceda.nlds.db.startup;

import org.springframework.beans.factory.BeanCreationException;

import uk.ac.ceda.nlds.db.migration.MigrationException;

/** Finds the message an operator needs in the exception chain of a failed start. */
public final class StartupErrors {

    private StartupErrors() {
    }

    /** The first line of the most specific message: ours when we raised one, else the root cause's. */
    public static String oneLine(Throwable failure) {
        Throwable chosen = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MigrationFailedException || t instanceof MigrationException
                    || t instanceof IllegalArgumentException) {
                chosen = t;
                break;
            }
            if (!(t instanceof BeanCreationException)) {
                chosen = t;
            }
        }
        String message = chosen == null || chosen.getMessage() == null ? String.valueOf(chosen) : chosen.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
