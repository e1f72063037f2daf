package uk.ac.ceda.nlds.db.startup;

/** The exit codes of the service, {@code --migrate-only} and every command, documented in the README. */
public final class ExitCode {

    /** Done, or (for {@code check}) both databases at head. */
    public static final int OK = 0;
    /** A database could not be reached, read or migrated, or a revision refused; nothing half-done. */
    public static final int FAILURE = 1;
    /** Bad input: unknown verb or option, malformed or unknown target, bad configuration; nothing changed. */
    public static final int INVALID_INPUT = 2;
    /** {@code check}: revisions are pending. */
    public static final int PENDING = 3;
    /** {@code plan --max-duration}: the estimate is longer than the time allowed. */
    public static final int TOO_LONG = 4;

    private ExitCode() {
    }
}
