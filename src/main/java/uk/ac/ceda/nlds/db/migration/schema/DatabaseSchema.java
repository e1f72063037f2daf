package uk.ac.ceda.nlds.db.migration.schema;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What an inspector read from a live database: its tables and (PostgreSQL only) enum types, by name. */
public record DatabaseSchema(Map<String, Table> tables, Map<String, ColumnType.Enum> enums) implements Serializable {

    public DatabaseSchema {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        enums = Collections.unmodifiableSortedMap(new TreeMap<>(enums));
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }
}
