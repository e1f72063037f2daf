package uk.ac.ceda.nlds.db.migration.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOperations;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Table rebuilds on SQLite keep every row, index, constraint and default, or change nothing. */
class SqliteTableRebuildTest {

    private static final ColumnType.Enum COLOUR = ColumnType.Enum.of("colour", "RED", "GREEN");
    private static final ColumnType.Enum HUE = ColumnType.Enum.of("colour", "CRIMSON", "GREEN", "BLUE");

    private static final Table PARENT = Table.named("parent").id()
            .column("name", ColumnType.VARCHAR, false)
            .namedUnique("uq_parent_name", "name")
            .build();
    private static final Table CHILD = Table.named("child").id()
            .column("label", ColumnType.VARCHAR, true)
            .column(new Column("colour", COLOUR, false, "RED", false))
            .column(new Column("flag", ColumnType.BOOLEAN, false, false, false))
            .column("parent_id", ColumnType.INTEGER, false)
            .unique("label", "parent_id")
            .foreignKey("parent_id", "parent")
            .index("parent_id")
            .build();

    @TempDir
    Path folder;

    private TestDatabase db;

    @BeforeEach
    void createTables() throws Exception {
        db = TestDatabase.sqlite(folder.resolve("dsl.db"));
        try (Connection c = db.connect()) {
            SchemaOperations ops = ops(c);
            ops.createTable(PARENT);
            ops.createTable(CHILD);
        }
        Rows.execute(db, "INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')");
        for (int i = 1; i <= 120; i++) {
            Rows.execute(db, "INSERT INTO child (id, label, colour, parent_id) VALUES (" + i + ", 'l" + i + "', '"
                    + (i % 2 == 0 ? "RED" : "GREEN") + "', " + (i % 2 + 1) + ")");
        }
    }

    @Test
    void aRebuildKeepsEveryRowIndexConstraintAndDefault() throws Exception {
        String rowsBefore = Rows.dump(db, "child");
        Table before = inspect("child");

        try (Connection c = db.connect()) {
            ops(c).alterTable("child", t -> t.addForeignKey(ForeignKey.of("fk_child_self", "parent_id", "parent"))
                    .dropForeignKey(ForeignKey.of("fk_child_self", "parent_id", "parent")));
        }

        assertThat(Rows.dump(db, "child")).isEqualTo(rowsBefore);
        assertThat(inspect("child")).isEqualTo(before);
        assertThat(Rows.column(db, "PRAGMA foreign_key_check")).isEmpty();
        assertThat(Rows.column(db, "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).isEmpty();
        Rows.execute(db, "INSERT INTO child (id, label, parent_id) VALUES (500, 'new', 1)");
        assertThat(Rows.query(db, "SELECT colour, flag FROM child WHERE id = 500"))
                .extracting(r -> r.get("colour") + " " + r.get("flag")).containsExactly("RED 0");
    }

    @Test
    void aBatchRenamesConvertsAndAddsInOneRebuild() throws Exception {
        Column renamedFrom = Column.nullable("label", ColumnType.VARCHAR);
        LabelMap toHue = LabelMap.from(COLOUR, HUE).map("RED", "CRIMSON").build();
        LabelMap back = LabelMap.from(HUE, COLOUR).map("CRIMSON", "RED").build();
        try (Connection c = db.connect()) {
            ops(c).alterTable("child", t -> t
                    .alterColumn(renamedFrom, renamedFrom.withName("title"))
                    .convertEnum(new Column("colour", COLOUR, false, "RED", false),
                            new Column("colour", HUE, false, "CRIMSON", false), toHue, back)
                    .addColumn(new Column("size", ColumnType.BIGINT, false, 7L, false))
                    .createIndex("ix_child_title", "title"));
        }

        assertThat(Rows.count(db, "child")).isEqualTo(120);
        assertThat(Rows.column(db, "SELECT DISTINCT colour FROM child ORDER BY 1")).containsExactly("CRIMSON", "GREEN");
        assertThat(Rows.column(db, "SELECT title || ':' || size FROM child WHERE id = 3")).containsExactly("l3:7");
        Table after = inspect("child");
        assertThat(after.indexes()).extracting(i -> i.name()).containsExactly("ix_child_parent_id", "ix_child_title");
        assertThat(after.uniques()).extracting(u -> u.columns()).containsExactly(List.of("title", "parent_id"));
        assertThat(after.foreignKeys()).hasSize(1);
        assertThat(after.requireColumn("colour").defaultValue()).isEqualTo("CRIMSON");
    }

    @Test
    void aRebuildThatViolatesAConstraintLeavesTheTableAsItWas() throws Exception {
        assertFailingRebuildChangesNothing(t -> t.addUnique("uq_child_parent", "parent_id"));
    }

    @Test
    void aNotNullColumnWithoutDefaultOnATableWithRowsLeavesTheTableAsItWas() throws Exception {
        assertFailingRebuildChangesNothing(t -> t
                .alterColumn(Column.nullable("label", ColumnType.VARCHAR), Column.nullable("label", ColumnType.VARCHAR))
                .addColumn(Column.notNull("required", ColumnType.INTEGER)));
    }

    @Test
    void aRebuildThatBreaksAForeignKeyIsRefused() throws Exception {
        Rows.execute(db, "INSERT INTO child (id, label, parent_id) VALUES (999, 'orphan', 42)");
        assertThatThrownBy(() -> {
            try (Connection c = db.connect()) {
                ops(c).alterTable("child", t -> t.addUnique("uq_child_id_label", "id", "label"));
            }
        }).isInstanceOf(MigrationException.class).hasMessageContaining("broke a foreign key");
    }

    @Test
    void rebuildsNeedForeignKeyEnforcementOff() throws Exception {
        try (Connection c = db.connect()) {
            Sql.execute(c, "PRAGMA foreign_keys = ON");
            assertThatThrownBy(() -> ops(c).alterTable("child", t -> t.addUnique("uq_x", "id", "label")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("foreign_keys=OFF");
        }
    }

    private void assertFailingRebuildChangesNothing(java.util.function.Consumer<SchemaOperations.TableChanges> change)
            throws Exception {
        String rowsBefore = Rows.dump(db, "child");
        List<String> sqlBefore = Rows.column(db, "SELECT sql FROM sqlite_master ORDER BY name");

        assertThatThrownBy(() -> {
            try (Connection c = db.connect()) {
                ops(c).alterTable("child", change);
            }
        }).isInstanceOf(MigrationException.class).hasMessageContaining("rebuilding table child failed, the table is unchanged");

        assertThat(Rows.dump(db, "child")).isEqualTo(rowsBefore);
        assertThat(Rows.column(db, "SELECT sql FROM sqlite_master ORDER BY name")).isEqualTo(sqlBefore);
    }

    private Table inspect(String table) throws SQLException {
        try (Connection c = db.connect()) {
            return new SqliteInspector().table(c, table).orElseThrow();
        }
    }

    private static SchemaOperations ops(Connection connection) {
        return new SchemaOperations(connection, new SqliteDialect(), ProgressReporter.NONE);
    }
}
