package uk.ac.ceda.nlds.db.migration.model;

/** One way a live schema differs from what was expected, for people to read. */
public record SchemaDifference(String table, String detail) {

    @Override
    public String toString() {
        return table == null ? detail : table + ": " + detail;
    }
}
