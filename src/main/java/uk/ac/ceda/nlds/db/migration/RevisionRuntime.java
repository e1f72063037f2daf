package uk.ac.ceda.nlds.db.migration;

import java.util.function.Function;

import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;

/**
 * What a revision needs from outside when it runs: which database it is, its backend, the
 * service's settings (by property name, null when unset) and who hears about progress.
 */
public record RevisionRuntime(String database, Backend backend, Function<String, String> settings,
        ProgressListener progress) {
}
