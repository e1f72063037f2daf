package uk.ac.ceda.nlds.db.migration;

import java.util.function.Consumer;
import java.util.function.Function;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;

/**
 * What a revision needs from outside when it runs: which database it is, its backend, the
 * service's settings (by property name, null when unset), who hears about progress, and who
 * hears each schema operation (autogenerate reads enum columns from them where SQLite hides them),
 * and the dialect that applies them (plan's rehearsal records them instead).
 */
public record RevisionRuntime(String database, Backend backend, Function<String, String> settings,
        ProgressListener progress, Consumer<SchemaOp> schemaLog, Dialect dialect) {

    public RevisionRuntime(String database, Backend backend, Function<String, String> settings,
            ProgressListener progress, Consumer<SchemaOp> schemaLog) {
        this(database, backend, settings, progress, schemaLog, Dialect.of(backend));
    }

    public RevisionRuntime(String database, Backend backend, Function<String, String> settings,
            ProgressListener progress) {
        this(database, backend, settings, progress, op -> {
        });
    }
}
