package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.dialect.PendingLabelChecks;
import uk.ac.ceda.nlds.db.migration.dialect.SchemaInspector;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;

/**
 * A dialect that hears each batch of operations a revision applies, and runs none of them (making
 * only the label checks of enum conversions, on the rows as they are), or on a scratch database all
 * of them (without their progress, which is not the revision's own data step).
 */
final class RecordingDialect implements Dialect {

    private final Dialect real;
    private final Consumer<List<SchemaOp>> batches;
    private final PendingLabelChecks labelChecks;
    private boolean execute;

    RecordingDialect(Backend backend, Consumer<List<SchemaOp>> batches) {
        this.real = Dialect.of(backend);
        this.batches = batches;
        this.labelChecks = new PendingLabelChecks(backend);
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
        if (execute) {
            real.apply(connection, batch, ProgressReporter.NONE);
        } else {
            // the one check a schema change makes of the rows: labels the conversion cannot map
            for (SchemaOp op : batch) {
                if (op instanceof SchemaOp.ConvertEnumColumn convert) {
                    labelChecks.check(connection, convert);
                }
            }
        }
        batches.accept(List.copyOf(batch));
    }

    @Override
    public SchemaInspector inspector() {
        return real.inspector();
    }
}
