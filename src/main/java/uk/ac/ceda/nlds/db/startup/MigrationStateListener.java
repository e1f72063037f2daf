package uk.ac.ceda.nlds.db.startup;

import java.util.OptionalInt;
import java.util.function.Supplier;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;

/**
 * Hears how the coordinator's run goes for each database: in the service, the status board behind
 * the endpoint, the health check and the traffic gate; in a one-shot run, nobody.
 */
public interface MigrationStateListener {

    MigrationStateListener NONE = new MigrationStateListener() {
        @Override
        public void migrating(ManagedDatabase database, OptionalInt from) {
        }

        @Override
        public void upToDate(String database, Supplier<DatabaseStatus> status) {
        }

        @Override
        public void failed(String database, String error, DatabaseStatus status) {
        }
    };

    /** Before migrating: what the migration is expected to do and how long it should take. */
    default void estimated(String database, DatabasePlan plan) {
    }

    /** About to migrate; {@code from} is the version it starts at when the coordinator knows it already. */
    void migrating(ManagedDatabase database, OptionalInt from);

    /** At head and matching the entity model; {@code status} is for whoever wants the details later. */
    void upToDate(String database, Supplier<DatabaseStatus> status);

    /** {@code status} is null when the database could not be read. */
    void failed(String database, String error, DatabaseStatus status);
}
