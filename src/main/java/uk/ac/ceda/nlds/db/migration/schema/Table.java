package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A table with everything a rebuild must carry over: columns in order, primary key, unique
 * constraints, foreign keys and indexes. Immutable; the {@code with…} methods return a changed copy.
 */
public record Table(String name, List<Column> columns, String primaryKeyName, List<String> primaryKey,
        List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<Index> indexes) implements Serializable {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Column requireColumn(String columnName) {
        return column(columnName).orElseThrow(() -> new IllegalArgumentException(
                "table " + name + " has no column " + columnName));
    }

    public Table withColumns(List<Column> newColumns) {
        return new Table(name, newColumns, primaryKeyName, primaryKey, uniques, foreignKeys, indexes);
    }

    public Table mapColumn(String columnName, UnaryOperator<Column> change) {
        requireColumn(columnName);
        return withColumns(columns.stream().map(c -> c.name().equals(columnName) ? change.apply(c) : c).toList());
    }

    public Table withUniques(List<UniqueConstraint> newUniques) {
        return new Table(name, columns, primaryKeyName, primaryKey, newUniques, foreignKeys, indexes);
    }

    public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
        return new Table(name, columns, primaryKeyName, primaryKey, uniques, newForeignKeys, indexes);
    }

    public Table withIndexes(List<Index> newIndexes) {
        return new Table(name, columns, primaryKeyName, primaryKey, uniques, foreignKeys, newIndexes);
    }

    public Table withPrimaryKey(String newName, List<String> newColumns) {
        return new Table(name, columns, newName, newColumns, uniques, foreignKeys, indexes);
    }

    /** Builds a table in declaration order; constraint names follow PostgreSQL's defaults. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<String> primaryKey = new ArrayList<>();
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The usual {@code id} serial primary key. */
        public Builder id() {
            columns.add(Column.id());
            primaryKey.add("id");
            return this;
        }

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        public Builder column(String columnName, ColumnType type, boolean nullable) {
            return column(new Column(columnName, type, nullable, null, false));
        }

        /** A UNIQUE constraint named as PostgreSQL names an anonymous one: {@code table_col1_col2_key}. */
        public Builder unique(String... uniqueColumns) {
            return namedUnique(name + "_" + String.join("_", uniqueColumns) + "_key", uniqueColumns);
        }

        public Builder namedUnique(String constraintName, String... uniqueColumns) {
            uniques.add(UniqueConstraint.of(constraintName, uniqueColumns));
            return this;
        }

        /** A foreign key to {@code referencedTable.id}, named as PostgreSQL would: {@code table_col_fkey}. */
        public Builder foreignKey(String column, String referencedTable) {
            return foreignKey(name + "_" + column + "_fkey", column, referencedTable);
        }

        public Builder foreignKey(String constraintName, String column, String referencedTable) {
            foreignKeys.add(ForeignKey.of(constraintName, column, referencedTable));
            return this;
        }

        /** A plain index named {@code ix_table_column}, as SQLAlchemy's {@code index=True} names it. */
        public Builder index(String... indexColumns) {
            indexes.add(Index.on(name, indexColumns));
            return this;
        }

        public Table build() {
            return new Table(name, columns, primaryKey.isEmpty() ? null : name + "_pkey", primaryKey, uniques,
                    foreignKeys, indexes);
        }
    }
}
