package uk.ac.ceda.nlds.db.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.ac.ceda.nlds.db.migration.lock.LockWait;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** What the status board knows about one database; every field is replaced whole, so readers see no torn state. */
final class DatabaseProgress {

    volatile MigrationState state = MigrationState.PENDING;
    volatile String backend;
    volatile String url;
    volatile int head;
    volatile DatabaseStatus status;
    /** Read on the first request after a success, not on the start's path. */
    volatile java.util.function.Supplier<DatabaseStatus> statusSource;
    volatile String runningRevision;
    volatile ProgressSnapshot runningStep;
    volatile String lastError;
    /** While the state is WAITING_FOR_LOCK: for what, and who holds it. */
    volatile LockWait waitingFor;
    final List<Map<String, Object>> appliedNow = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The endpoint's view: masked URL, revisions with times, pending ones, error and live progress. */
    Map<String, Object> describe(String database) {
        Map<String, Object> view = new LinkedHashMap<>();
        DatabaseStatus current = status();
        view.put("database", database);
        view.put("backend", backend);
        view.put("url", url);
        view.put("state", state.name());
        view.put("version", current == null ? null : current.version());
        view.put("alembicId", current == null ? null : current.alembicId());
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
        }
        view.put("appliedByThisProcess", List.copyOf(appliedNow));
        view.put("running", running());
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

    void revisionFinished(String revision, Duration elapsed) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("revision", revision);
        done.put("finishedAt", Instant.now().toString());
        done.put("durationMs", elapsed.toMillis());
        appliedNow.add(done);
    }
}
