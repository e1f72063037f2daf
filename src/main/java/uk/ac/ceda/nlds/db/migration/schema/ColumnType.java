package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A column type in backend-neutral terms. Each dialect renders it; each inspector reads it back.
 */
public sealed interface ColumnType extends Serializable {

    ColumnType INTEGER = new Simple("INTEGER");
    ColumnType BIGINT = new Simple("BIGINT");
    ColumnType TIMESTAMP = new Simple("TIMESTAMP");
    ColumnType BOOLEAN = new Simple("BOOLEAN");
    ColumnType VARCHAR = new Varchar(null);

    static ColumnType varchar(int length) {
        return new Varchar(length);
    }

    /** A fixed SQL type such as INTEGER or TIMESTAMP. */
    record Simple(String name) implements ColumnType {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A character column, unbounded when {@code length} is null. */
    record Varchar(Integer length) implements ColumnType {
        @Override
        public String toString() {
            return length == null ? "VARCHAR" : "VARCHAR(" + length + ")";
        }
    }

    /**
     * A named enumeration: a native ENUM type on PostgreSQL, a VARCHAR as long as the longest
     * label on SQLite (as SQLAlchemy wrote it, without a CHECK constraint).
     */
    record Enum(String name, List<String> labels) implements ColumnType {
        public Enum {
            labels = List.copyOf(labels);
        }

        public static Enum of(String name, String... labels) {
            return new Enum(name, List.of(labels));
        }

        public int maxLabelLength() {
            return labels.stream().mapToInt(String::length).max().orElse(1);
        }

        @Override
        public String toString() {
            return name + labels;
        }
    }

    /** A type this project does not model, kept verbatim (SQLite rebuilds copy it as declared). */
    record Raw(String sql) implements ColumnType {
        @Override
        public String toString() {
            return sql;
        }
    }
}
