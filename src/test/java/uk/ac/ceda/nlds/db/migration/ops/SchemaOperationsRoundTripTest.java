package uk.ac.ceda.nlds.db.migration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Every kind of operation changes the schema on both backends, and its reverse puts the schema
 * back exactly as it was, with the table's rows still there.
 */
class SchemaOperationsRoundTripTest {

    private static final ColumnType.Enum KIND = ColumnType.Enum.of("kind", "A", "B");
    private static final ColumnType.Enum KIND_V2 = ColumnType.Enum.of("kind", "A", "C", "D");
    private static final Column NAME = Column.nullable("name", ColumnType.VARCHAR);
    private static final Column KIND_COLUMN = Column.nullable("kind", KIND);
    private static final Table OWNER = Table.named("owner").id().build();
    private static final Table ITEM = Table.named("item").id()
            .column(NAME)
            .column(KIND_COLUMN)
            .column("owner_id", ColumnType.INTEGER, true)
            .build();

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    static Stream<Arguments> operations() {
        List<SchemaOp> ops = List.of(
                new SchemaOp.AddColumn("item", new Column("size", ColumnType.BIGINT, false, 0L, false)),
                new SchemaOp.AddColumn("item", Column.nullable("note", ColumnType.VARCHAR)),
                new SchemaOp.DropColumn("item", NAME),
                new SchemaOp.AlterColumn("item", NAME, NAME.withName("title")),
                new SchemaOp.AlterColumn("item", NAME, NAME.withType(ColumnType.varchar(40))),
                new SchemaOp.AlterColumn("item", NAME, NAME.withDefault("none")),
                new SchemaOp.AlterColumn("item", NAME, NAME.withNullable(false)),
                new SchemaOp.CreateIndex(new Index("ix_item_name", "item", List.of("name"), false)),
                new SchemaOp.AddUnique("item", UniqueConstraint.of("uq_item_name", "name")),
                new SchemaOp.AddForeignKey("item", ForeignKey.of("fk_item_owner", "owner_id", "owner")),
                new SchemaOp.CreateTable(Table.named("extra").id().column(NAME).index("name").build()),
                new SchemaOp.CreateEnum(ColumnType.Enum.of("spare", "X")),
                new SchemaOp.ConvertEnumColumn("item", KIND_COLUMN, new Column("kind", KIND_V2, false, "A", false),
                        LabelMap.from(KIND, KIND_V2).map("B", "C").nullTo("A").build(),
                        LabelMap.from(KIND_V2, KIND).map("C", "B").map("D", "B").build()));
        return Backends.both().flatMap(b -> ops.stream().map(op -> Arguments.of(b, op.getClass().getSimpleName(), op)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void anOperationAndItsReverseLeaveTheSchemaAsItWas(Backend backend, String kind, SchemaOp op) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        try (Connection c = db.connect()) {
            SchemaOperations ops = new SchemaOperations(c, Dialect.of(backend), ProgressReporter.NONE);
            ops.createEnum(KIND);
            ops.createTable(OWNER);
            ops.createTable(ITEM);
        }
        Rows.execute(db, "INSERT INTO owner (id) VALUES (1)",
                "INSERT INTO item (id, name, kind, owner_id) VALUES (1, 'one', 'A', 1), (2, 'two', 'B', NULL)");
        DatabaseSchema before = inspect(backend, db);

        try (Connection c = db.connect()) {
            new SchemaOperations(c, Dialect.of(backend), ProgressReporter.NONE).apply(List.of(op));
        }
        DatabaseSchema changed = inspect(backend, db);
        if (!(op instanceof SchemaOp.CreateEnum) || backend == Backend.POSTGRESQL) {
            assertThat(changed).as("the operation changed something").isNotEqualTo(before);
        }

        try (Connection c = db.connect()) {
            new SchemaOperations(c, Dialect.of(backend), ProgressReporter.NONE).revert(List.of(op));
        }
        assertThat(inspect(backend, db)).isEqualTo(before);
        assertThat(Rows.count(db, "item")).isEqualTo(2);
        assertThat(op.reverse().reverse()).isEqualTo(op);
    }

    /** The live schema with columns in name order: a column dropped and added back comes last. */
    private static DatabaseSchema inspect(Backend backend, TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            DatabaseSchema schema = Dialect.of(backend).inspector().inspect(c);
            Map<String, Table> tables = new TreeMap<>();
            schema.tables().forEach((name, table) -> tables.put(name, table.withColumns(
                    table.columns().stream().sorted(Comparator.comparing(Column::name)).toList())));
            return new DatabaseSchema(tables, schema.enums());
        }
    }
}
