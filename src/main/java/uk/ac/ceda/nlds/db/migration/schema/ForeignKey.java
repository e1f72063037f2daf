package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.List;

/** A named foreign key from columns of one table to columns of another. */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns)
        implements Serializable {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** A single-column foreign key to {@code referencedTable.id}. */
    public static ForeignKey of(String name, String column, String referencedTable) {
        return new ForeignKey(name, List.of(column), referencedTable, List.of("id"));
    }
}
