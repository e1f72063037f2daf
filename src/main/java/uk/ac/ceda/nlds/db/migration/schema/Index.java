package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.List;

/** A named index on one table. */
public record Index(String name, String table, List<String> columns, boolean unique) implements Serializable {

    public Index {
        columns = List.copyOf(columns);
    }

    public static Index on(String table, String... columns) {
        return new Index("ix_" + table + "_" + String.join("_", columns), table, List.of(columns), false);
    }
}
