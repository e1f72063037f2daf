package uk.ac.ceda.nlds.db.migration.core;

/**
 * What the operator gave is wrong (an argument, a target, the configuration), said in one line
 * naming it and what to do; commands exit with 2 for it and only for it. Any other exception,
 * an {@link IllegalArgumentException} from a bug in a revision included, is a failure (exit 1).
 * It extends {@code IllegalArgumentException} so that callers written against that keep working.
 */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
