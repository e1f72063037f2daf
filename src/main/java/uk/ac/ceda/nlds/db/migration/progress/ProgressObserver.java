package uk.ac.ceda.nlds.db.migration.progress;

/**
 * A listener that hears every migration's progress besides the one that shows it (bars or log
 * lines): the service's status board and metrics. Beans of this type are added automatically.
 */
public interface ProgressObserver extends ProgressListener {
}
