package uk.ac.ceda.nlds.db.startup;

import java.util.List;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;

/**
 * What a failed start or command tells the operator: one line and an exit code, found in the
 * exception chain. The service, {@code --migrate-only} and the verbs all report through here.
 */
public final class StartupErrors {

    /** How many lines of a multi-line message a one-line report keeps before it counts the rest. */
    private static final int LINES_SHOWN = 3;

    private StartupErrors() {
    }

    /**
     * The most specific message, ours when we raised one, else the root cause's, on one line: a
     * message that lists things on further lines keeps its first entries and a count of the rest.
     */
    public static String oneLine(Throwable failure) {
        Throwable chosen = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MigrationFailedException || t instanceof MigrationException
                    || t instanceof InvalidInputException) {
                chosen = t;
                break;
            }
            if (!(t instanceof BeanCreationException)) {
                chosen = t;
            }
        }
        String message = chosen == null || chosen.getMessage() == null ? String.valueOf(chosen) : chosen.getMessage();
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? message.strip() : lines.get(0);
        }
        String head = lines.get(0).endsWith(":") ? lines.get(0) + " " : lines.get(0) + "; ";
        List<String> entries = lines.subList(1, lines.size());
        return head + String.join("; ", entries.subList(0, Math.min(LINES_SHOWN, entries.size())))
                + (entries.size() > LINES_SHOWN ? " (and " + (entries.size() - LINES_SHOWN) + " more)" : "");
    }

    /** Whether this failure is one the project expects and reports as a line, not a defect with a trace. */
    public static boolean isExpected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MigrationFailedException || t instanceof MigrationException || isInvalidInput(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@link ExitCode#INVALID_INPUT} for bad input or configuration, else {@link ExitCode#FAILURE}. */
    public static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isInvalidInput(t)) {
                return ExitCode.INVALID_INPUT;
            }
        }
        return ExitCode.FAILURE;
    }

    /** Ours, or a property Spring cannot bind; an IllegalArgumentException from a bug is a failure, not input. */
    private static boolean isInvalidInput(Throwable t) {
        return t instanceof InvalidInputException || t instanceof BindException;
    }
}
