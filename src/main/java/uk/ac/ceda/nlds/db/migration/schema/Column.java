package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.Objects;

/**
 * A column as the schema declares it. {@code defaultValue} is a server default held as a value
 * ({@link String} for text and enum labels, {@link Boolean}, {@link Number}), never as SQL, so
 * that both dialects render it and both inspectors read it back to the same thing.
 */
public record Column(String name, ColumnType type, boolean nullable, Object defaultValue, boolean autoIncrement)
        implements Serializable {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** An integer primary-key column numbered by the database (PostgreSQL serial, SQLite rowid). */
    public static Column id() {
        return new Column("id", ColumnType.INTEGER, false, null, true);
    }

    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true, null, false);
    }

    public static Column notNull(String name, ColumnType type) {
        return new Column(name, type, false, null, false);
    }

    public Column withName(String newName) {
        return new Column(newName, type, nullable, defaultValue, autoIncrement);
    }

    public Column withType(ColumnType newType) {
        return new Column(name, newType, nullable, defaultValue, autoIncrement);
    }

    public Column withNullable(boolean newNullable) {
        return new Column(name, type, newNullable, defaultValue, autoIncrement);
    }

    public Column withDefault(Object newDefault) {
        return new Column(name, type, nullable, newDefault, autoIncrement);
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL") + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
    }
}
