package uk.ac.ceda.nlds.db.migration.progress;

/** Starts progress steps for one revision run; dialects and data steps call it. */
@FunctionalInterface
public interface ProgressReporter {

    ProgressReporter NONE = (step, total) -> ProgressStep.start(ProgressListener.NONE, "", "", step, total);

    ProgressStep step(String name, long total);

    static ProgressReporter of(ProgressListener listener, String database, String revision) {
        return (step, total) -> ProgressStep.start(listener, database, revision, step, total);
    }
}
