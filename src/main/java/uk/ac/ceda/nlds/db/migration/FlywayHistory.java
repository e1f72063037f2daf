package uk.ac.ceda.nlds.db.migration;

/** Flyway's history table, as every database of this project names it: defined here only. */
public final class FlywayHistory {

    public static final String TABLE = "flyway_schema_history";

    private FlywayHistory() {
    }
}
