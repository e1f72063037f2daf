package uk.ac.ceda.nlds.db.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PlannedRevision;
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
    /** The plan made before migrating, when there was something to migrate. */
    volatile DatabasePlan estimate;
    /** When the running revision started, for the time left by the estimate. */
    volatile Instant runningSince;
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
        view.put("estimate", estimate());
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
    }
}
