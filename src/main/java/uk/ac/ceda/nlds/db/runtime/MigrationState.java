package uk.ac.ceda.nlds.db.runtime;

/** Where one database's migration stands, as the status endpoint and health report it. */
public enum MigrationState {
    /** Not started yet (waiting for the database, or for the other database to finish). */
    PENDING,
    /** Revisions are being applied now. */
    MIGRATING,
    /**
     * Waiting for a lock another session holds: a table a revision must change (PostgreSQL, up to
     * {@code nlds.migration.lock-timeout} per attempt), or another process's migration lock.
     */
    WAITING_FOR_LOCK,
    /** At head, and the service's entity model matches it. */
    UP_TO_DATE,
    /** A revision or the entity model check failed; the database is at its last complete revision. */
    FAILED
}
