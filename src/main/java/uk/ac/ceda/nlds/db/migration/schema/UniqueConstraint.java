package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.List;

/** A named UNIQUE table constraint (not an index: it appears as a constraint on PostgreSQL). */
public record UniqueConstraint(String name, List<String> columns) implements Serializable {

    public UniqueConstraint {
        columns = List.copyOf(columns);
    }

    public static UniqueConstraint of(String name, String... columns) {
        return new UniqueConstraint(name, List.of(columns));
    }
}
