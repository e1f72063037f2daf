package uk.ac.ceda.nlds.db.migration.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/** Reads tables, constraints, indexes and enum types of the current schema from PostgreSQL's catalog. */
public final class PostgresInspector implements SchemaInspector {

    private static final Pattern TEXT_DEFAULT = Pattern.compile("^'((?:[^']|'')*)'(?:::.*)?$");

    private static final String COLUMNS = """
            SELECT table_name, column_name, data_type, udt_name, character_maximum_length, is_nullable, column_default
            FROM information_schema.columns c
            WHERE table_schema = current_schema()
              AND table_name IN (SELECT table_name FROM information_schema.tables
                                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
            ORDER BY table_name, ordinal_position""";

    private static final String CONSTRAINTS = """
            SELECT rel.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   frel.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            LEFT JOIN pg_class frel ON frel.oid = con.confrelid
            WHERE ns.nspname = current_schema() AND con.contype IN ('p', 'u', 'f')
            ORDER BY rel.relname, con.conname""";

    private static final String INDEXES = """
            SELECT t.relname, i.relname, ix.indisunique,
                   ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace ns ON ns.oid = t.relnamespace
            WHERE ns.nspname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
            ORDER BY t.relname, i.relname""";

    private static final String ENUMS = """
            SELECT t.typname, e.enumlabel FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = current_schema()
            ORDER BY t.typname, e.enumsortorder""";

    @Override
    public Optional<Table> table(Connection connection, String name) throws SQLException {
        return Optional.ofNullable(inspect(connection).tables().get(name));
    }

    @Override
    public DatabaseSchema inspect(Connection connection) throws SQLException {
        Map<String, ColumnType.Enum> enums = enums(connection);
        Map<String, TableParts> parts = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parts.computeIfAbsent(rs.getString(1), TableParts::new).columns.add(column(rs, enums));
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TableParts table = parts.get(rs.getString(1));
                if (table == null) {
                    continue;
                }
                List<String> columns = strings(rs.getArray(4));
                switch (rs.getString(3)) {
                    case "p" -> {
                        table.primaryKeyName = rs.getString(2);
                        table.primaryKey = columns;
                    }
                    case "u" -> table.uniques.add(new UniqueConstraint(rs.getString(2), columns));
                    default -> table.foreignKeys.add(
                            new ForeignKey(rs.getString(2), columns, rs.getString(5), strings(rs.getArray(6))));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(INDEXES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TableParts table = parts.get(rs.getString(1));
                if (table != null) {
                    table.indexes.add(new Index(rs.getString(2), rs.getString(1), strings(rs.getArray(4)),
                            rs.getBoolean(3)));
                }
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        parts.values().forEach(p -> tables.put(p.name, p.build()));
        return new DatabaseSchema(tables, enums);
    }

    private static Map<String, ColumnType.Enum> enums(Connection connection) throws SQLException {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(ENUMS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                labels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, ColumnType.Enum> enums = new LinkedHashMap<>();
        labels.forEach((name, values) -> enums.put(name, new ColumnType.Enum(name, values)));
        return enums;
    }

    private static Column column(ResultSet rs, Map<String, ColumnType.Enum> enums) throws SQLException {
        String dataType = rs.getString(3);
        int length = rs.getInt(5);
        ColumnType type = switch (dataType) {
            case "integer" -> ColumnType.INTEGER;
            case "bigint" -> ColumnType.BIGINT;
            case "boolean" -> ColumnType.BOOLEAN;
            case "timestamp without time zone" -> ColumnType.TIMESTAMP;
            case "character varying" -> rs.wasNull() ? ColumnType.VARCHAR : ColumnType.varchar(length);
            case "USER-DEFINED" -> enums.getOrDefault(rs.getString(4), new ColumnType.Enum(rs.getString(4), List.of()));
            default -> new ColumnType.Raw(dataType);
        };
        String rawDefault = rs.getString(7);
        boolean serial = rawDefault != null && rawDefault.startsWith("nextval(");
        Object defaultValue = serial ? null : parseDefault(rawDefault);
        return new Column(rs.getString(2), type, "YES".equals(rs.getString(6)), defaultValue, serial);
    }

    static Object parseDefault(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher text = TEXT_DEFAULT.matcher(raw);
        if (text.matches()) {
            return text.group(1).replace("''", "'");
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.matches("-?\\d+")) {
            return Long.valueOf(raw);
        }
        return raw;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static final class TableParts {
        final String name;
        final List<Column> columns = new ArrayList<>();
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        String primaryKeyName;
        List<String> primaryKey = List.of();

        TableParts(String name) {
            this.name = name;
        }

        Table build() {
            return new Table(name, columns, primaryKeyName, primaryKey, uniques, foreignKeys, indexes);
        }
    }
}
