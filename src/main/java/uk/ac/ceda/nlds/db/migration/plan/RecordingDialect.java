package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.dialect.SchemaInspector;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;

/**
 * A dialect that hears each batch of operations a revision applies, and runs none of them, or on a
 * scratch database all of them (without their progress, which is not the revision's own data step).
 */
final class RecordingDialect implements Dialect {

    private final Dialect real;
    private final Consumer<List<SchemaOp>> batches;
    private boolean execute;

    RecordingDialect(Backend backend, Consumer<List<SchemaOp>> batches) {
        this.real = Dialect.of(backend);
        this.batches = batches;
    }

    /** On a scratch database the operations run too, so later revisions find what earlier ones made. */
    void execute(boolean on) {
        this.execute = on;
    }

    @Override
    public Backend backend() {
        return real.backend();
    }

    @Override
    public void apply(Connection connection, List<SchemaOp> batch, ProgressReporter progress) throws SQLException {
        batches.accept(List.copyOf(batch));
        if (execute) {
            real.apply(connection, batch, ProgressReporter.NONE);
        }
    }

    @Override
    public SchemaInspector inspector() {
        return real.inspector();
    }
}
