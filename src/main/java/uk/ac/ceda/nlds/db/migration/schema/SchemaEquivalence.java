package uk.ac.ceda.nlds.db.migration.schema;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * When two schema elements count as the same on a backend; the one rule behind both the
 * schema check and autogenerate. On SQLite an enum is a VARCHAR, VARCHAR lengths are not
 * enforced and constraint names are not kept, so there only the kind of a type and the columns
 * of a constraint count. Enum labels are compared by the callers, who know where labels live.
 */
public final class SchemaEquivalence {

    private final Backend backend;

    public SchemaEquivalence(Backend backend) {
        this.backend = backend;
    }

    /** Same column type: on SQLite by kind only; on PostgreSQL equal, and enum types by name. */
    public boolean sameType(ColumnType a, ColumnType b) {
        if (backend == Backend.SQLITE) {
            return kind(a).equals(kind(b));
        }
        if (a instanceof ColumnType.Enum x && b instanceof ColumnType.Enum y) {
            return x.name().equals(y.name());
        }
        return a.equals(b);
    }

    public String key(UniqueConstraint unique) {
        return named(unique.name(), unique.columns().toString());
    }

    public String key(ForeignKey foreignKey) {
        return named(foreignKey.name(), foreignKey.columns() + " -> " + foreignKey.referencedTable()
                + foreignKey.referencedColumns());
    }

    /** Indexes keep their names on both backends. */
    public String key(Index index) {
        return index.name() + " " + index.columns() + (index.unique() ? " unique" : "");
    }

    private String named(String name, String shape) {
        return backend == Backend.SQLITE || name == null ? shape : name + " " + shape;
    }

    private static String kind(ColumnType type) {
        return type instanceof ColumnType.Enum || type instanceof ColumnType.Varchar ? "VARCHAR" : type.toString();
    }
}
