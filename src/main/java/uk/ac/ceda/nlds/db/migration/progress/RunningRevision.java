package uk.ac.ceda.nlds.db.migration.progress;

/** Remembers which revision of one database runs now, so a lock wait can name it. */
public final class RunningRevision implements ProgressListener {

    private volatile String label;

    @Override
    public void revisionStarted(String database, String revision) {
        label = revision;
    }

    /** The label of the revision that started last ({@code V3 (ee82dd99bfc0)}), null before any. */
    public String label() {
        return label;
    }
}
