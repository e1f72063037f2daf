package uk.ac.ceda.nlds.db.migration.ops;

import java.util.Objects;

import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * One schema change, the shared vocabulary of revisions, dialects and autogenerate. Every
 * operation carries what its {@link #reverse()} needs, so a downgrade can be derived from an
 * upgrade.
 */
public sealed interface SchemaOp {

    /** The operation that undoes this one. */
    SchemaOp reverse();

    /** The table the operation changes, or null for enum-type operations. */
    String table();

    record CreateTable(Table definition) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropTable(definition);
        }

        public String table() {
            return definition.name();
        }
    }

    record DropTable(Table definition) implements SchemaOp {
        public SchemaOp reverse() {
            return new CreateTable(definition);
        }

        public String table() {
            return definition.name();
        }
    }

    record AddColumn(String table, Column column) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropColumn(table, column);
        }
    }

    record DropColumn(String table, Column column) implements SchemaOp {
        public SchemaOp reverse() {
            return new AddColumn(table, column);
        }
    }

    /** Changes name, type, nullability or default of one column; {@code from} is how it is now. */
    record AlterColumn(String table, Column from, Column to) implements SchemaOp {
        public SchemaOp reverse() {
            return new AlterColumn(table, to, from);
        }
    }

    record CreateIndex(Index index) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropIndex(index);
        }

        public String table() {
            return index.table();
        }
    }

    record DropIndex(Index index) implements SchemaOp {
        public SchemaOp reverse() {
            return new CreateIndex(index);
        }

        public String table() {
            return index.table();
        }
    }

    record AddUnique(String table, UniqueConstraint constraint) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropUnique(table, constraint);
        }
    }

    record DropUnique(String table, UniqueConstraint constraint) implements SchemaOp {
        public SchemaOp reverse() {
            return new AddUnique(table, constraint);
        }
    }

    record AddForeignKey(String table, ForeignKey foreignKey) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropForeignKey(table, foreignKey);
        }
    }

    record DropForeignKey(String table, ForeignKey foreignKey) implements SchemaOp {
        public SchemaOp reverse() {
            return new AddForeignKey(table, foreignKey);
        }
    }

    /** A PostgreSQL ENUM type; SQLite has no such thing and ignores it. */
    record CreateEnum(ColumnType.Enum type) implements SchemaOp {
        public SchemaOp reverse() {
            return new DropEnum(type);
        }

        public String table() {
            return null;
        }
    }

    record DropEnum(ColumnType.Enum type) implements SchemaOp {
        public SchemaOp reverse() {
            return new CreateEnum(type);
        }

        public String table() {
            return null;
        }
    }

    record RenameEnum(String from, String to) implements SchemaOp {
        public SchemaOp reverse() {
            return new RenameEnum(to, from);
        }

        public String table() {
            return null;
        }
    }

    /**
     * Moves an enum column from one label set to another, mapping every row. {@code from} and
     * {@code to} are the column before and after (type, nullability, default); {@code map} takes
     * old labels to new ones and {@code reverseMap} back. Rows holding a label the map does not
     * know stop the conversion before anything changes.
     */
    record ConvertEnumColumn(String table, Column from, Column to, LabelMap map, LabelMap reverseMap)
            implements SchemaOp {

        public ConvertEnumColumn {
            Objects.requireNonNull(map, "map");
            Objects.requireNonNull(reverseMap, "reverseMap");
            if (!(from.type() instanceof ColumnType.Enum) || !(to.type() instanceof ColumnType.Enum)) {
                throw new IllegalArgumentException("ConvertEnumColumn needs enum types on both sides of " + table
                        + "." + from.name());
            }
            if (!from.name().equals(to.name())) {
                throw new IllegalArgumentException("ConvertEnumColumn keeps the column name; rename separately");
            }
        }

        public ColumnType.Enum fromType() {
            return (ColumnType.Enum) from.type();
        }

        public ColumnType.Enum toType() {
            return (ColumnType.Enum) to.type();
        }

        public SchemaOp reverse() {
            return new ConvertEnumColumn(table, to, from, reverseMap, map);
        }
    }
}
