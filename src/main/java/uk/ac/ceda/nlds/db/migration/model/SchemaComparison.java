package uk.ac.ceda.nlds.db.migration.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.SchemaEquivalence;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * Compares two schemas the way this project promises they agree: tables, columns (type,
 * nullability, default), primary keys, unique constraints, foreign keys, indexes and enum labels
 * in order, with {@link SchemaEquivalence}'s rules for what SQLite does not keep.
 */
public final class SchemaComparison {

    /** How many differences a one-line message names before it counts the rest. */
    public static final int SHOWN = 3;

    private final Backend backend;
    private final SchemaEquivalence same;
    private final Set<String> ignoredTables;

    public SchemaComparison(Backend backend, Set<String> ignoredTables) {
        this.backend = backend;
        this.same = new SchemaEquivalence(backend);
        this.ignoredTables = ignoredTables;
    }

    public List<SchemaDifference> compare(DatabaseSchema expected, DatabaseSchema actual) {
        List<SchemaDifference> differences = new ArrayList<>();
        for (String name : union(expected.tables().keySet(), actual.tables().keySet())) {
            if (ignoredTables.contains(name)) {
                continue;
            }
            Table want = expected.tables().get(name);
            Table have = actual.tables().get(name);
            if (want == null) {
                differences.add(new SchemaDifference(name, "table exists but is not expected"));
            } else if (have == null) {
                differences.add(new SchemaDifference(name, "table is missing"));
            } else {
                compareTables(want, have, differences);
            }
        }
        if (backend == Backend.POSTGRESQL) {
            for (String name : union(expected.enums().keySet(), actual.enums().keySet())) {
                ColumnType.Enum want = expected.enums().get(name);
                ColumnType.Enum have = actual.enums().get(name);
                if (!Objects.equals(want == null ? null : want.labels(), have == null ? null : have.labels())) {
                    differences.add(new SchemaDifference(null, "enum type " + name + ": expected "
                            + (want == null ? "none" : want.labels()) + ", found " + (have == null ? "none" : have.labels())));
                }
            }
        }
        return differences;
    }

    private void compareTables(Table want, Table have, List<SchemaDifference> differences) {
        String table = want.name();
        for (String column : union(names(want.columns()), names(have.columns()))) {
            Column w = want.column(column).orElse(null);
            Column h = have.column(column).orElse(null);
            if (w == null) {
                differences.add(new SchemaDifference(table, "column " + column + " exists but is not expected"));
            } else if (h == null) {
                differences.add(new SchemaDifference(table, "column " + column + " is missing"));
            } else {
                compareColumns(table, w, h, differences);
            }
        }
        if (!want.primaryKey().equals(have.primaryKey())) {
            differences.add(new SchemaDifference(table, "primary key " + want.primaryKey() + " expected, found "
                    + have.primaryKey()));
        }
        compareSets(table, "unique constraint", keys(want.uniques(), same::key), keys(have.uniques(), same::key),
                differences);
        compareSets(table, "foreign key", keys(want.foreignKeys(), same::key), keys(have.foreignKeys(), same::key),
                differences);
        compareSets(table, "index", keys(want.indexes(), same::key), keys(have.indexes(), same::key), differences);
    }

    private void compareColumns(String table, Column want, Column have, List<SchemaDifference> differences) {
        String prefix = "column " + want.name() + ": ";
        if (!same.sameType(want.type(), have.type())) {
            differences.add(new SchemaDifference(table, prefix + "type " + want.type() + " expected, found " + have.type()));
        }
        if (want.nullable() != have.nullable()) {
            differences.add(new SchemaDifference(table, prefix + (want.nullable() ? "NULL" : "NOT NULL")
                    + " expected, found " + (have.nullable() ? "NULL" : "NOT NULL")));
        }
        if (!Objects.equals(want.defaultValue(), have.defaultValue())) {
            differences.add(new SchemaDifference(table, prefix + "default " + want.defaultValue() + " expected, found "
                    + have.defaultValue()));
        }
    }

    private static void compareSets(String table, String kind, Set<String> want, Set<String> have,
            List<SchemaDifference> differences) {
        for (String missing : difference(want, have)) {
            differences.add(new SchemaDifference(table, kind + " " + missing + " is missing"));
        }
        for (String extra : difference(have, want)) {
            differences.add(new SchemaDifference(table, kind + " " + extra + " exists but is not expected"));
        }
    }

    private static <T> Set<String> keys(List<T> items, Function<T, String> key) {
        return items.stream().map(key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    /** Differences as one readable block, one per line. */
    /** Every difference, one per line, for the log. */
    public static String describe(List<SchemaDifference> differences) {
        return differences.stream().map(SchemaDifference::toString).collect(Collectors.joining("\n  ", "  ", ""));
    }

    /**
     * The first {@value #SHOWN} differences and how many more, for a one-line message:
     * {@code location: column url_scheme is missing; file: column path_type type differs (and 3 more)}.
     */
    public static String summary(List<SchemaDifference> differences) {
        return differences.stream().limit(SHOWN).map(SchemaDifference::toString).collect(Collectors.joining("; "))
                + (differences.size() > SHOWN ? " (and " + (differences.size() - SHOWN) + " more)" : "");
    }

}
