package uk.ac.ceda.nlds.db.autogenerate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.SchemaEquivalence;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * The schema operations that take the database at head to the entity model, in an order that
 * works (enum types before the tables that use them, tables before their constraints), and notes
 * for what a person must decide. Renames are never guessed: they appear as a drop and an add.
 * Equality is the project's usual one, {@link SchemaEquivalence}.
 */
final class SchemaDiff {

    /** The upgrade operations (each knows its reverse) and the notes for the developer. */
    record Result(List<SchemaOp> ops, List<String> notes) {
        boolean isEmpty() {
            return ops.isEmpty();
        }
    }

    private final Backend backend;
    private final SchemaEquivalence same;
    private final Set<String> ignoredTables;
    private final List<SchemaOp> ops = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> createdEnums = new LinkedHashSet<>();
    private DatabaseSchema database;

    SchemaDiff(Backend backend, Set<String> ignoredTables) {
        this.backend = backend;
        this.same = new SchemaEquivalence(backend);
        this.ignoredTables = ignoredTables;
    }

    Result between(DatabaseSchema head, DatabaseSchema model) {
        this.database = head;
        Set<String> names = new TreeSet<>(model.tables().keySet());
        names.addAll(head.tables().keySet());
        names.removeAll(ignoredTables);
        for (String name : names) {
            Table want = model.tables().get(name);
            Table have = head.tables().get(name);
            if (have == null) {
                want.columns().forEach(this::createEnumIfNew);
                ops.add(new SchemaOp.CreateTable(want));
            } else if (want == null) {
                ops.add(new SchemaOp.DropTable(have));
                notes.add("table " + name + " is dropped with its rows; if it was renamed, replace the drop and the"
                        + " create with a rename and a copy");
            } else {
                compareTables(have, want);
            }
        }
        for (ColumnType.Enum unused : head.enums().values()) {
            boolean used = model.tables().values().stream().flatMap(t -> t.columns().stream())
                    .anyMatch(c -> c.type() instanceof ColumnType.Enum e && e.name().equals(unused.name()));
            if (!used && backend == Backend.POSTGRESQL && !convertedFrom(unused)) {
                ops.add(new SchemaOp.DropEnum(unused));
            }
        }
        return new Result(List.copyOf(ops), List.copyOf(notes));
    }

    private void compareTables(Table have, Table want) {
        String table = want.name();
        List<String> added = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Column column : want.columns()) {
            Column current = have.column(column.name()).orElse(null);
            if (current == null) {
                createEnumIfNew(column);
                ops.add(new SchemaOp.AddColumn(table, column));
                added.add(column.name());
            } else if (current.type() instanceof ColumnType.Enum from && column.type() instanceof ColumnType.Enum to
                    && !from.labels().equals(to.labels())) {
                ops.add(new SchemaOp.ConvertEnumColumn(table, current, column, LabelMap.from(from, to).build(),
                        LabelMap.from(to, from).build()));
                notes.add(table + "." + column.name() + ": enum labels change from " + from.labels() + " to "
                        + to.labels() + "; complete the label maps");
            } else if (!same.sameType(current.type(), column.type()) || current.nullable() != column.nullable()
                    || !Objects.equals(current.defaultValue(), column.defaultValue())) {
                ops.add(new SchemaOp.AlterColumn(table, current, column));
                if (current.nullable() && !column.nullable() && column.defaultValue() == null) {
                    notes.add(table + "." + column.name() + " becomes NOT NULL: fill existing NULLs in a data step first");
                }
            }
        }
        for (Column column : have.columns()) {
            if (want.column(column.name()).isEmpty()) {
                ops.add(new SchemaOp.DropColumn(table, column));
                dropped.add(column.name());
            }
        }
        if (!added.isEmpty() && !dropped.isEmpty()) {
            notes.add(table + ": columns " + dropped + " are dropped and " + added + " added; if one was renamed,"
                    + " replace the pair with alterColumn(from, from.withName(...)) to keep its values");
        }
        diff(have.uniques(), want.uniques(), same::key, u -> ops.add(new SchemaOp.DropUnique(table, u)),
                u -> ops.add(new SchemaOp.AddUnique(table, u)));
        diff(have.foreignKeys(), want.foreignKeys(), same::key, f -> ops.add(new SchemaOp.DropForeignKey(table, f)),
                f -> ops.add(new SchemaOp.AddForeignKey(table, f)));
        diff(have.indexes(), want.indexes(), same::key, i -> ops.add(new SchemaOp.DropIndex(i)),
                i -> ops.add(new SchemaOp.CreateIndex(i)));
    }

    private <T> void diff(List<T> have, List<T> want, Function<T, String> key, Consumer<T> drop,
            Consumer<T> add) {
        Map<String, T> haveByKey = byKey(have, key);
        Map<String, T> wantByKey = byKey(want, key);
        haveByKey.forEach((k, item) -> {
            if (!wantByKey.containsKey(k)) {
                drop.accept(item);
            }
        });
        wantByKey.forEach((k, item) -> {
            if (!haveByKey.containsKey(k)) {
                add.accept(item);
            }
        });
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    private void createEnumIfNew(Column column) {
        if (column.type() instanceof ColumnType.Enum type && !database.enums().containsKey(type.name())
                && createdEnums.add(type.name())) {
            ops.add(new SchemaOp.CreateEnum(type));
        }
    }

    private boolean convertedFrom(ColumnType.Enum type) {
        return ops.stream().anyMatch(op -> op instanceof SchemaOp.ConvertEnumColumn c && c.from().type().equals(type));
    }
}
