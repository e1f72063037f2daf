package uk.ac.ceda.nlds.db.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.lock.LockWait;
import uk.ac.ceda.nlds.db.migration.progress.ProgressObserver;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationStateListener;

/**
 * The service's live view of both migrations: state per database, revisions applied, the running
 * step's progress and the last error, for {@code /actuator/migrations}, the health check and the
 * traffic gate; and the Micrometer meters that follow events: {@code nlds.migration.revision.duration}
 * (a timer per database and revision), {@code nlds.migration.rows} (rows moved per database and
 * revision) and {@code nlds.migration.failures} (per database). {@link MigrationMetrics} adds the
 * gauges that read the board.
 */
@Component
public class MigrationStatusBoard implements ProgressObserver, MigrationStateListener {

    private final Map<String, DatabaseProgress> databases = new LinkedHashMap<>();
    private final Map<String, Long> stepRows = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    /** Built from the targets alone: the databases' own beans hear progress through this board. */
    public MigrationStatusBoard(DatabaseTargets targets, MeterRegistry meters) {
        this.meters = meters;
        for (DatabaseTarget target : targets.all()) {
            DatabaseProgress progress = new DatabaseProgress();
            progress.backend = target.backend().name();
            progress.url = target.maskedUrl();
            databases.put(target.database().id(), progress);
            failures(target.database().id()); // present at 0, so a rate over it has a start
        }
    }

    @Override
    public void estimated(String database, DatabasePlan plan) {
        progress(database).estimate = plan;
    }

    @Override
    public void migrating(ManagedDatabase database, OptionalInt from) {
        DatabaseProgress progress = progress(database.id());
        progress.revisions = database.revisions();
        progress.head = database.revisions().headVersion();
        // where it starts from, so the endpoint never shows a migrating database without a revision
        // (a replica may wait long on another's lock before its first revision starts); read only
        // when the coordinator's plan or head check did not tell
        try {
            progress.version = from.isPresent() ? from.getAsInt() : DatabaseStatus.read(database).version();
        } catch (RuntimeException e) {
            // unreadable now: the first revision that starts tells
        }
        progress.state = MigrationState.MIGRATING;
    }

    /** At head; {@code status} is read when the endpoint first asks, keeping it off the start's path. */
    @Override
    public void upToDate(String database, Supplier<DatabaseStatus> status) {
        DatabaseProgress progress = progress(database);
        progress.status = null;
        progress.statusSource = status;
        progress.runningRevision = null;
        progress.runningStep = null;
        progress.version = progress.head;
        progress.state = MigrationState.UP_TO_DATE;
    }

    @Override
    public void failed(String database, String error, DatabaseStatus status) {
        DatabaseProgress progress = progress(database);
        progress.lastError = error;
        if (status != null) {
            progress.status = status;
            progress.version = status.version();
        }
        progress.runningRevision = null;
        progress.runningStep = null;
        progress.waitingFor = null;
        progress.state = MigrationState.FAILED;
        failures(database).increment();
    }

    @Override
    public void waitingForLock(String database, LockWait wait) {
        DatabaseProgress progress = progress(database);
        progress.waitingFor = wait;
        progress.state = MigrationState.WAITING_FOR_LOCK;
    }

    @Override
    public void lockWaitOver(String database) {
        DatabaseProgress progress = progress(database);
        progress.waitingFor = null;
        if (progress.state == MigrationState.WAITING_FOR_LOCK) {
            progress.state = MigrationState.MIGRATING;
        }
    }

    /** Every database at head with its entity model checked: the service may take traffic. */
    public boolean ready() {
        return databases.values().stream().allMatch(p -> p.state == MigrationState.UP_TO_DATE);
    }

    public boolean anyFailed() {
        return databases.values().stream().anyMatch(p -> p.state == MigrationState.FAILED);
    }

    public Map<String, MigrationState> states() {
        Map<String, MigrationState> states = new LinkedHashMap<>();
        databases.forEach((id, p) -> states.put(id, p.state));
        return states;
    }

    public Map<String, Object> describe() {
        Map<String, Object> view = new LinkedHashMap<>();
        databases.forEach((id, p) -> view.put(id, p.describe(id)));
        return view;
    }

    /** Each database's progress, in the order of the targets, for the gauges. */
    Map<String, DatabaseProgress> databases() {
        return databases;
    }

    @Override
    public void revisionStarted(String database, String revision) {
        DatabaseProgress progress = progress(database);
        progress.runningSince = Instant.now();
        progress.waitingFor = null;
        progress.revisionStarted(revision);
    }

    @Override
    public void revisionFinished(String database, String revision, Duration elapsed) {
        progress(database).revisionFinished(revision, elapsed);
        Timer.builder("nlds.migration.revision.duration").description("Time each revision took to run")
                .tag("database", database).tag("revision", revision).register(meters).record(elapsed);
    }

    @Override
    public void started(ProgressSnapshot snapshot) {
        progress(snapshot.database()).runningStep = snapshot;
        stepRows.put(key(snapshot), 0L);
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        progress(snapshot.database()).runningStep = snapshot;
        countRows(snapshot);
    }

    @Override
    public void finished(ProgressSnapshot snapshot) {
        countRows(snapshot);
        stepRows.remove(key(snapshot));
        progress(snapshot.database()).runningStep = null;
    }

    private void countRows(ProgressSnapshot snapshot) {
        long before = stepRows.getOrDefault(key(snapshot), 0L);
        if (snapshot.done() > before) {
            stepRows.put(key(snapshot), snapshot.done());
            Counter.builder("nlds.migration.rows").description("Rows moved by data steps and table rebuilds")
                    .baseUnit("rows").tag("database", snapshot.database()).tag("revision", snapshot.revision())
                    .register(meters).increment(snapshot.done() - before);
        }
    }

    private Counter failures(String database) {
        return Counter.builder("nlds.migration.failures").description("Migrations of the database that failed")
                .tag("database", database).register(meters);
    }

    private static String key(ProgressSnapshot snapshot) {
        return snapshot.database() + '\u0000' + snapshot.revision() + '\u0000' + snapshot.step();
    }

    private DatabaseProgress progress(String database) {
        DatabaseProgress progress = databases.get(database);
        if (progress == null) {
            throw new IllegalArgumentException("unknown database " + database);
        }
        return progress;
    }
}
