package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import uk.ac.ceda.nlds.db.migration.dialect.DeferredRebuilds;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;

/**
 * One revision of one database's schema history: a Flyway Java migration (version and
 * description from the class name, {@code V3__Add_storage_url_fields}) that also knows how to go
 * back and which Alembic revision it stands for.
 *
 * <p>Both directions run on the connection they are given, inside the caller's transaction; a
 * revision never commits. Data steps use the revision's own nested entity classes through
 * {@link RevisionContext#withEntities}, never the service's current entities.
 */
public abstract class Revision extends BaseJavaMigration {

    private RevisionRuntime runtime;

    /** The id of the Alembic revision this one stands for, as recorded in {@code alembic_version}. */
    public abstract String alembicId();

    protected abstract void upgrade(RevisionContext context) throws Exception;

    protected abstract void downgrade(RevisionContext context) throws Exception;

    /** Called once by the catalogue that loads the revision, before it runs. */
    public final void bind(RevisionRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime);
    }

    @Override
    public final void migrate(Context context) throws Exception {
        long start = System.nanoTime();
        runtime().progress().revisionStarted(runtime.database(), label());
        run(context.getConnection(), this::upgrade);
        if (lastOfRun(context.getConfiguration())) {
            // the group's deferred rebuilds run in its last revision, so their time is in its history row
            Optional<DeferredRebuilds> deferred = DeferredRebuilds.of(context.getConnection());
            if (deferred.isPresent()) {
                deferred.get().flush(ProgressReporter.of(runtime.progress(), runtime.database(), label()));
            }
        }
        // in the revision's own transaction: Alembic's record never lags behind Flyway's
        AlembicVersionTable.record(context.getConnection(), this);
        runtime.progress().revisionFinished(runtime.database(), label(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether this is the last revision Flyway will run: the highest it knows up to its target. */
    private boolean lastOfRun(Configuration configuration) {
        MigrationVersion target = configuration.getTarget();
        Optional<MigrationVersion> last = Arrays.stream(configuration.getJavaMigrations())
                .map(JavaMigration::getVersion).filter(Objects::nonNull)
                .filter(v -> target == null || target == MigrationVersion.LATEST || v.compareTo(target) <= 0)
                .max(Comparator.naturalOrder());
        return last.isEmpty() || last.get().equals(getVersion());
    }

    /** Runs this revision's upgrade on {@code connection}, outside Flyway (scratch schemas), inside the caller's transaction. */
    public final void apply(Connection connection) throws Exception {
        run(connection, this::upgrade);
    }

    /** Runs this revision's downgrade on {@code connection}, inside the caller's transaction. */
    public final void revert(Connection connection) throws Exception {
        run(connection, this::downgrade);
    }

    /**
     * Runs one direction with the Hibernate factory over the revision's nested entities built
     * first. A transaction keeps every lock it takes until it commits, so a factory built after the
     * revision's first {@code ALTER TABLE} kept that table under ACCESS EXCLUSIVE, with every
     * client queued behind it, while Hibernate booted: 7 of revision 3's 10 s on the shared test
     * machine at 20,000 files (BENCHMARKS.md, "The stall a live client feels").
     */
    private void run(Connection connection, Direction direction) throws Exception {
        List<Class<?>> entities = RevisionEntities.nestedIn(getClass());
        if (entities.isEmpty()) {
            direction.run(new RevisionContext(connection, runtime(), this, null));
            return;
        }
        try (RevisionEntities prepared = RevisionEntities.open(runtime().backend(), entities)) {
            direction.run(new RevisionContext(connection, runtime(), this, prepared));
        }
    }

    @FunctionalInterface
    private interface Direction {
        void run(RevisionContext context) throws Exception;
    }

    @Override
    public Integer getChecksum() {
        return RevisionChecksum.of(getClass());
    }

    /** The checksum builds before the meaning checksum recorded for this same source. */
    public int legacyChecksum() {
        return RevisionChecksum.legacyOf(getClass());
    }

    /** {@code V3 (ee82dd99bfc0)}: how messages name a revision. */
    public String label() {
        return "V" + getVersion() + " (" + alembicId() + ")";
    }

    private RevisionRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("revision " + getClass().getName() + " was not loaded by RevisionCatalogue");
        }
        return runtime;
    }
}
