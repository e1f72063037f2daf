package uk.ac.ceda.nlds.db.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.Table;

class EnumColumnsTest {

    private static final ColumnType.Enum STATE = ColumnType.Enum.of("state", "INITIALISING", "COMPLETE");
    private static final Column STATE_COLUMN = Column.notNull("state", STATE);

    /** The live SQLite table: the enum column is a plain VARCHAR there. */
    private static DatabaseSchema sqliteSchema() {
        Table table = Table.named("sub_record").id().column(Column.notNull("state", ColumnType.varchar(12))).build();
        return new DatabaseSchema(Map.of("sub_record", table), Map.of());
    }

    private static ColumnType stateType(EnumColumns columns) {
        return columns.overlay(sqliteSchema()).tables().get("sub_record").requireColumn("state").type();
    }

    @Test
    void retypesTheColumnsATableWasCreatedWith() {
        EnumColumns columns = new EnumColumns();
        columns.accept(new SchemaOp.CreateTable(Table.named("sub_record").id().column(STATE_COLUMN).build()));

        assertThat(stateType(columns)).isEqualTo(STATE);
    }

    @Test
    void followsAConversionToTheNewLabelSet() {
        ColumnType.Enum split = ColumnType.Enum.of("state", "INITIALISING", "COMPLETE", "SPLIT");
        EnumColumns columns = new EnumColumns();
        columns.accept(new SchemaOp.CreateTable(Table.named("sub_record").id().column(STATE_COLUMN).build()));
        columns.accept(new SchemaOp.ConvertEnumColumn("sub_record", STATE_COLUMN, STATE_COLUMN.withType(split),
                LabelMap.from(STATE, split).build(), LabelMap.from(split, STATE).map("SPLIT", "COMPLETE").build()));

        assertThat(stateType(columns)).isEqualTo(split);
    }

    @Test
    void followsARenamedEnumTypeToEveryColumnOfIt() {
        EnumColumns columns = new EnumColumns();
        columns.accept(new SchemaOp.CreateTable(Table.named("sub_record").id().column(STATE_COLUMN).build()));
        columns.accept(new SchemaOp.RenameEnum("state", "state_2024"));

        assertThat(stateType(columns)).isEqualTo(new ColumnType.Enum("state_2024", STATE.labels()));
    }

    @Test
    void forgetsTheColumnsOfADroppedTable() {
        EnumColumns columns = new EnumColumns();
        Table table = Table.named("sub_record").id().column(STATE_COLUMN).build();
        columns.accept(new SchemaOp.CreateTable(table));
        columns.accept(new SchemaOp.DropTable(table));

        assertThat(stateType(columns)).isEqualTo(ColumnType.varchar(12));
    }
}
