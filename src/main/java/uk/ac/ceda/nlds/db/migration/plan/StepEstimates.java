package uk.ac.ceda.nlds.db.migration.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.PostgresDialect;
import uk.ac.ceda.nlds.db.migration.dialect.PostgresStatementEffect.Work;
import uk.ac.ceda.nlds.db.migration.dialect.PostgresStatementEffect;
import uk.ac.ceda.nlds.db.migration.dialect.SqliteDialect;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOpWords;

/**
 * Turns what the rehearsal recorded into steps with their locks and estimated durations: each
 * batch as its backend's dialect would apply it (on SQLite one rebuild or in-place changes, on
 * PostgreSQL the dialect's own statements), each data step by its declared rows.
 */
final class StepEstimates {

    private static final String SQLITE_LOCK = "the database, for writing";
    private static final double NANOS = 1e9;

    private final Backend backend;
    private final Map<String, TableSize> sizes;
    private final Calibration rates;
    private final PostgresDialect postgres = new PostgresDialect();

    StepEstimates(Backend backend, Map<String, TableSize> sizes, Calibration rates) {
        this.backend = backend;
        this.sizes = sizes;
        this.rates = rates;
    }

    PlannedRevision plan(Rehearsal.RehearsedRevision rehearsed) {
        List<PlannedStep> steps = new ArrayList<>();
        for (Rehearsal.Recorded recorded : rehearsed.steps()) {
            switch (recorded) {
                case Rehearsal.SchemaBatch batch -> steps.addAll(schema(batch.ops()));
                case Rehearsal.DataStep data -> steps.add(data(data));
            }
        }
        // the revision's own reads and set-up ran in the rehearsal too; its history row and commit are one statement more
        double seconds = steps.stream().mapToDouble(PlannedStep::seconds).sum()
                + rehearsed.elapsed().toNanos() / NANOS + rates.statementNanos() / NANOS;
        Revision revision = rehearsed.revision();
        List<PlannedRevision.Setting> settings = rehearsed.settings().entrySet().stream()
                .map(e -> new PlannedRevision.Setting(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(PlannedRevision.Setting::property)).toList();
        return new PlannedRevision(Integer.parseInt(revision.getVersion().getVersion()), revision.alembicId(),
                revision.getDescription(), List.copyOf(steps), settings, rehearsed.refusal(),
                rehearsed.missingSettings().stream().sorted().toList(), seconds);
    }

    private List<PlannedStep> schema(List<SchemaOp> batch) {
        if (backend == Backend.SQLITE) {
            return sqlite(batch);
        }
        return batch.stream().map(this::postgres).toList();
    }

    private List<PlannedStep> sqlite(List<SchemaOp> batch) {
        if (SqliteDialect.rebuilds(batch)) {
            String table = batch.get(0).table();
            TableSize size = size(table);
            double nanos = rates.statementNanos() * 4 + size.rows() * (rates.rebuildNanosPerRow()
                    + size.indexes() * rates.indexNanosPerRow()) + size.foreignKeyRows() * rates.lookupNanosPerRow();
            return List.of(new PlannedStep("schema", table, "rebuild: " + String.join("; ",
                    batch.stream().map(SchemaOpWords::describe).toList()), size.rows(), size.exact(), SQLITE_LOCK,
                    "rebuilds the table (copies every row) and its " + size.indexes() + " indexes, then checks "
                            + size.foreignKeyRows() + " rows' foreign keys", List.of(),
                    nanos / NANOS));
        }
        return batch.stream().map(op -> {
            TableSize size = op.table() == null ? TableSize.absent("") : size(op.table());
            boolean index = op instanceof SchemaOp.CreateIndex;
            double nanos = rates.statementNanos() + (index ? size.rows() * rates.indexNanosPerRow() : 0);
            return new PlannedStep("schema", op.table(), SchemaOpWords.describe(op), size.rows(), size.exact(),
                    SQLITE_LOCK, index ? Work.INDEX_BUILD.words() : "in place, no rebuild", List.of(), nanos / NANOS);
        }).toList();
    }

    private PlannedStep postgres(SchemaOp op) {
        TableSize size = op.table() == null ? TableSize.absent("") : size(op.table());
        List<PlannedStep.Statement> statements = new ArrayList<>();
        double nanos = 0;
        String lock = null;
        Work heaviest = Work.CATALOG;
        for (String sql : postgres.statements(op)) {
            PostgresStatementEffect effect = PostgresStatementEffect.of(sql);
            statements.add(new PlannedStep.Statement(sql, effect.lock(), effect.work().words()));
            nanos += postgresNanos(effect.work(), size);
            if (effect.work().compareTo(heaviest) > 0) {
                heaviest = effect.work();
            }
            if (lock == null || effect.lock().equals(PostgresStatementEffect.ACCESS_EXCLUSIVE)) {
                lock = effect.lock();
            }
        }
        if (op instanceof SchemaOp.ConvertEnumColumn) {
            nanos += 2 * postgresNanos(Work.SCAN, size); // the dialect's label check and count read the table first
        }
        return new PlannedStep("schema", op.table(), SchemaOpWords.describe(op), size.rows(), size.exact(),
                lock == null ? "none" : lock, heaviest.words(), List.copyOf(statements), nanos / NANOS);
    }

    private double postgresNanos(Work work, TableSize size) {
        return switch (work) {
            case CATALOG -> rates.statementNanos();
            case SCAN -> rates.statementNanos() + size.heapBytes() * rates.scanNanosPerByte();
            case INDEX_BUILD -> rates.statementNanos() + size.rows() * rates.indexNanosPerRow();
            case REWRITE -> rates.statementNanos() + size.totalBytes() * rates.rewriteNanosPerByte();
        };
    }

    private PlannedStep data(Rehearsal.DataStep step) {
        String tables = String.join(", ", step.tables().stream().sorted().toList());
        long rows = Math.max(step.rows(), 0);
        boolean exact = step.rows() >= 0;
        if (!exact) {
            rows = step.tables().stream().mapToLong(t -> size(t).rows()).sum();
        }
        String lock = backend == Backend.SQLITE ? SQLITE_LOCK : "ROW EXCLUSIVE, and each row it updates";
        String work = step.statements() == 0 ? "nothing to write" : "updates the declared rows in "
                + step.statements() + (step.statements() == 1 ? " id batch" : " id batches");
        // PostgreSQL writes a new row version into every index of the table (SQLite only into
        // indexes over the changed columns, which data steps here do not index)
        double perRow = rates.updateNanosPerRow();
        if (backend == Backend.POSTGRESQL) {
            int indexes = step.tables().stream().mapToInt(t -> size(t).indexes()).max().orElse(0);
            perRow *= (1.0 + indexes) / (1 + Calibration.POSTGRES_UPDATE_INDEXES);
        }
        return new PlannedStep("data", tables.isEmpty() ? null : tables, step.name(), rows, exact, lock, work,
                List.of(), (rates.statementNanos() * step.statements() + rows * perRow) / NANOS);
    }

    private TableSize size(String table) {
        return sizes.getOrDefault(table, TableSize.absent(table));
    }
}
