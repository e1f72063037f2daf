package uk.ac.ceda.nlds.db.migration.plan;

import java.util.List;

/**
 * One step of a pending revision as {@code plan} shows it.
 *
 * @param kind {@code schema} or {@code data}
 * @param table the table it changes, null for enum types
 * @param description what it does, in plain words
 * @param rows the rows it works through (the table's rows for schema work, the declared rows for a data step)
 * @param rowsExact whether {@code rows} was counted rather than estimated by the planner
 * @param lock what it locks until the revision commits
 * @param work what its time scales with, in plain words
 * @param statements PostgreSQL: each statement with its lock and work; empty on SQLite
 * @param seconds its estimated duration
 */
public record PlannedStep(String kind, String table, String description, long rows, boolean rowsExact, String lock,
        String work, List<Statement> statements, double seconds) {

    public PlannedStep {
        seconds = Math.round(seconds * 1000) / 1000.0; // milliseconds are the precision an estimate has
    }

    /** One PostgreSQL statement the step runs. */
    public record Statement(String sql, String lock, String work) {
    }

    /** Whether the step writes every row of its table (a rewrite, a rebuild or a data step). */
    public boolean writesRows() {
        return kind.equals("data") || work.startsWith("rewrites") || work.startsWith("rebuilds");
    }
}
