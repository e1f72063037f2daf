package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * Reads SQLite tables through its PRAGMAs. SQLite keeps no constraint names outside the CREATE
 * TABLE text, so names of UNIQUE and FOREIGN KEY constraints are taken from that text (null when
 * the constraint was declared without one).
 */
public final class SqliteInspector implements SchemaInspector {

    private static final Pattern NAMED_CONSTRAINT = Pattern.compile(
            "CONSTRAINT\\s+\"?(\\w+)\"?\\s+(UNIQUE|FOREIGN\\s+KEY)\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARCHAR = Pattern.compile("VARCHAR\\s*\\(\\s*(\\d+)\\s*\\)", Pattern.CASE_INSENSITIVE);

    @Override
    public DatabaseSchema inspect(Connection connection) throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        for (String name : tableNames(connection)) {
            table(connection, name).ifPresent(t -> tables.put(name, t));
        }
        return new DatabaseSchema(tables, Map.of());
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Override
    public Optional<Table> table(Connection connection, String name) throws SQLException {
        String createSql = createSql(connection, name);
        if (createSql == null) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        TreeMap<Integer, String> primaryKey = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
            while (rs.next()) {
                String declared = rs.getString("type");
                ColumnType type = type(declared);
                int pk = rs.getInt("pk");
                if (pk > 0) {
                    primaryKey.put(pk, rs.getString("name"));
                }
                columns.add(new Column(rs.getString("name"), type, rs.getInt("notnull") == 0,
                        parseDefault(rs.getString("dflt_value"), type), false));
            }
        }
        if (primaryKey.size() == 1) {
            // A single INTEGER primary key is SQLite's rowid: numbered by the database.
            String pkColumn = primaryKey.firstEntry().getValue();
            columns = columns.stream().map(c -> c.name().equals(pkColumn) && c.type().equals(ColumnType.INTEGER)
                    ? new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), true) : c).toList();
        }
        Map<String, String> constraintNames = constraintNames(createSql);
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA index_list(" + quote(name) + ")")) {
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new String[] {rs.getString("name"), rs.getString("unique"), rs.getString("origin")});
            }
            for (String[] row : rows) {
                List<String> indexColumns = indexColumns(connection, row[0]);
                switch (row[2]) {
                    case "u" -> uniques.add(new UniqueConstraint(
                            constraintNames.get("UNIQUE" + indexColumns), indexColumns));
                    case "c" -> indexes.add(new Index(row[0], name, indexColumns, "1".equals(row[1])));
                    default -> {
                        // the primary key's own index
                    }
                }
            }
        }
        uniques.sort(java.util.Comparator.comparing(u -> u.columns().toString()));
        indexes.sort(java.util.Comparator.comparing(Index::name));
        return Optional.of(new Table(name, columns, primaryKey.isEmpty() ? null : name + "_pkey",
                List.copyOf(primaryKey.values()), uniques, foreignKeys(connection, name, constraintNames), indexes));
    }

    private static String createSql(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<ForeignKey> foreignKeys(Connection connection, String table, Map<String, String> names)
            throws SQLException {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA foreign_key_list(" + quote(table) + ")")) {
            while (rs.next()) {
                byId.computeIfAbsent(rs.getInt("id"), k -> new ArrayList<>())
                        .add(new String[] {rs.getString("table"), rs.getString("from"), rs.getString("to")});
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        byId.values().forEach(rows -> {
            List<String> from = rows.stream().map(r -> r[1]).toList();
            List<String> to = rows.stream().map(r -> r[2] == null ? "id" : r[2]).toList();
            keys.add(new ForeignKey(names.get("FOREIGN KEY" + from), from, rows.get(0)[0], to));
        });
        keys.sort(java.util.Comparator.comparing(k -> k.columns().toString()));
        return keys;
    }

    private static List<String> indexColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA index_info(" + quote(index) + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        return columns;
    }

    /** Constraint names keyed by kind and column list, as in "UNIQUE[storage_type, file_id]". */
    private static Map<String, String> constraintNames(String createSql) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher m = NAMED_CONSTRAINT.matcher(createSql);
        while (m.find()) {
            String kind = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            List<String> columns = List.of(m.group(3).replace("\"", "").trim().split("\\s*,\\s*"));
            names.put(kind + columns, m.group(1));
        }
        return names;
    }

    static ColumnType type(String declared) {
        String upper = declared == null ? "" : declared.trim().toUpperCase(Locale.ROOT);
        Matcher varchar = VARCHAR.matcher(upper);
        if (varchar.matches()) {
            return ColumnType.varchar(Integer.parseInt(varchar.group(1)));
        }
        return switch (upper) {
            case "INTEGER" -> ColumnType.INTEGER;
            case "BIGINT" -> ColumnType.BIGINT;
            case "BOOLEAN" -> ColumnType.BOOLEAN;
            case "DATETIME", "TIMESTAMP" -> ColumnType.TIMESTAMP;
            case "VARCHAR" -> ColumnType.VARCHAR;
            default -> new ColumnType.Raw(declared == null ? "" : declared);
        };
    }

    static Object parseDefault(String raw, ColumnType type) {
        if (raw == null) {
            return null;
        }
        String value = raw.trim();
        while (value.startsWith("(") && value.endsWith(")")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (type.equals(ColumnType.BOOLEAN) && (value.equals("0") || value.equals("1"))) {
            return value.equals("1");
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        if (value.matches("-?\\d+")) {
            return Long.valueOf(value);
        }
        return value;
    }
}
