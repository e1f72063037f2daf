package uk.ac.ceda.nlds.db.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.lock.LockWait;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PlannedRevision;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** What the status board knows about one database; every field is replaced whole, so readers see no torn state. */
final class DatabaseProgress {

    /** {@link #version} before anything says which revision the database is at. */
    static final int UNKNOWN = -1;

    volatile MigrationState state = MigrationState.PENDING;
    volatile String backend;
    volatile String url;
    volatile int head;
    /** The revision the database is at, followed as revisions run; {@link #UNKNOWN} until the first news. */
    volatile int version = UNKNOWN;
    /** This build's revisions for the database, known once its migration starts. */
    volatile RevisionCatalogue revisions;
    volatile DatabaseStatus status;
    /** Read on the first request after a success, not on the start's path. */
    volatile java.util.function.Supplier<DatabaseStatus> statusSource;
    volatile String runningRevision;
    volatile ProgressSnapshot runningStep;
    volatile String lastError;
    /** The plan made before migrating, when there was something to migrate. */
    volatile DatabasePlan estimate;
    /** When the running revision started, for the time left by the estimate. */
    volatile Instant runningSince;
    /** While the state is WAITING_FOR_LOCK: for what, and who holds it. */
    volatile LockWait waitingFor;
    final List<Map<String, Object>> appliedNow = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The endpoint's view: masked URL, revisions with times, pending ones, error and live progress. */
    Map<String, Object> describe(String database) {
        Map<String, Object> view = new LinkedHashMap<>();
        DatabaseStatus current = status();
        int now = current == null ? version : current.version();
        view.put("database", database);
        view.put("backend", backend);
        view.put("url", url);
        view.put("state", state.name());
        view.put("version", now == UNKNOWN ? null : now);
        view.put("alembicId", current == null ? alembicIdAt(now) : current.alembicId());
        view.put("target", head);
        if (current != null) {
            List<Map<String, Object>> applied = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            for (DatabaseStatus.Entry entry : current.history()) {
                if (entry.pending()) {
                    pending.add("V" + entry.version() + " (" + entry.alembicId() + ")");
                } else {
                    Map<String, Object> revision = new LinkedHashMap<>();
                    revision.put("version", entry.version());
                    revision.put("alembicId", entry.alembicId());
                    revision.put("description", entry.description());
                    revision.put("state", entry.state());
                    revision.put("appliedOn", entry.installedOn() == null ? null : entry.installedOn().toString());
                    revision.put("durationMs", entry.executionMillis());
                    applied.add(revision);
                }
            }
            view.put("applied", applied);
            view.put("pending", pending);
        } else if (now != UNKNOWN && revisions != null) {
            // mid-migration: the history is read once at the end; what is left follows from the revision now
            view.put("pending", revisions.revisions().stream().filter(r -> versionOf(r) > now).map(Revision::label)
                    .toList());
        }
        view.put("appliedByThisProcess", List.copyOf(appliedNow));
        view.put("running", running());
        view.put("estimate", estimate());
        LockWait wait = waitingFor;
        view.put("waitingFor", wait == null ? null : wait.toMap());
        view.put("lastError", lastError);
        return view;
    }

    private DatabaseStatus status() {
        DatabaseStatus current = status;
        java.util.function.Supplier<DatabaseStatus> source = statusSource;
        if (current == null && source != null) {
            current = source.get();
            status = current;
        }
        return current;
    }

    private Map<String, Object> running() {
        String revision = runningRevision;
        if (revision == null) {
            return null;
        }
        Map<String, Object> running = new LinkedHashMap<>();
        running.put("revision", revision);
        ProgressSnapshot step = runningStep;
        if (step != null) {
            running.put("step", step.step());
            running.put("rowsDone", step.done());
            running.put("rowsTotal", step.total());
            running.put("rowsPerSecond", Math.round(step.rate()));
            Duration left = step.remaining();
            running.put("secondsLeft", left == null ? null : left.toSeconds());
        }
        return running;
    }

    /** Flyway runs revisions in order, so one starting means the database is at the one before. */
    void revisionStarted(String revision) {
        runningRevision = revision;
        runningStep = null;
        state = MigrationState.MIGRATING;
        int started = versionOf(revision);
        if (started != UNKNOWN) {
            version = started - 1;
        }
    }

    /**
     * The plan's summary and total, and the time left by it: the estimates of the planned revisions
     * this process has not finished, less the time the running one has taken so far.
     */
    private Map<String, Object> estimate() {
        DatabasePlan plan = estimate;
        if (plan == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("summary", plan.summary());
        view.put("seconds", plan.seconds());
        java.util.Set<String> finished = new java.util.HashSet<>();
        appliedNow.forEach(done -> finished.add((String) done.get("revision")));
        double left = 0;
        for (PlannedRevision revision : plan.revisions()) {
            String label = "V" + revision.version() + " (" + revision.alembicId() + ")";
            if (!finished.contains(label)) {
                left += revision.seconds();
                if (label.equals(runningRevision) && runningSince != null) {
                    left -= Math.min(revision.seconds(), Duration.between(runningSince, Instant.now()).toMillis() / 1000.0);
                }
            }
        }
        view.put("secondsLeft", state == MigrationState.UP_TO_DATE ? 0 : Math.round(left * 10) / 10.0);
        return view;
    }

    void revisionFinished(String revision, Duration elapsed) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("revision", revision);
        done.put("finishedAt", Instant.now().toString());
        done.put("durationMs", elapsed.toMillis());
        appliedNow.add(done);
        int finished = versionOf(revision);
        if (finished != UNKNOWN) {
            version = finished;
        }
    }

    private int versionOf(String label) {
        RevisionCatalogue known = revisions;
        if (known == null) {
            return UNKNOWN;
        }
        return known.revisions().stream().filter(r -> r.label().equals(label)).mapToInt(DatabaseProgress::versionOf)
                .findFirst().orElse(UNKNOWN);
    }

    private String alembicIdAt(int at) {
        RevisionCatalogue known = revisions;
        return known == null || at < 1 || at > known.headVersion() ? null : known.at(at).alembicId();
    }

    private static int versionOf(Revision revision) {
        return Integer.parseInt(revision.getVersion().getVersion());
    }
}
