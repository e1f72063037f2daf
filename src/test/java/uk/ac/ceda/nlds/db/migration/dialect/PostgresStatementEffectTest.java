package uk.ac.ceda.nlds.db.migration.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.migration.dialect.PostgresStatementEffect.Work;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * The lock and work plan shows for the statements PostgresDialect itself writes for each kind of
 * operation, so the classification follows the dialect's text (PostgreSQL's ALTER TABLE docs:
 * ACCESS EXCLUSIVE unless noted; ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE; CREATE INDEX SHARE).
 */
class PostgresStatementEffectTest {

    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final Column NOTE = Column.nullable("note", VARCHAR);

    @Test
    void eachOperationsStatementsTakeTheLockAndDoTheWorkPostgresqlDocuments() {
        assertThat(effects(new SchemaOp.AddColumn("location", NOTE)))
                .containsExactly(new PostgresStatementEffect("ACCESS EXCLUSIVE", Work.CATALOG));
        assertThat(effects(new SchemaOp.AlterColumn("location", NOTE, NOTE.withNullable(false))))
                .containsExactly(new PostgresStatementEffect("ACCESS EXCLUSIVE", Work.SCAN));
        assertThat(effects(new SchemaOp.AddUnique("location", UniqueConstraint.of("uq", "storage_type", "file_id"))))
                .containsExactly(new PostgresStatementEffect("ACCESS EXCLUSIVE", Work.INDEX_BUILD));
        assertThat(effects(new SchemaOp.AddForeignKey("location", new ForeignKey("fk", List.of("file_id"), "file",
                List.of("id"))))).extracting(PostgresStatementEffect::work).containsExactly(Work.SCAN);
        assertThat(effects(new SchemaOp.CreateIndex(new uk.ac.ceda.nlds.db.migration.schema.Index("ix", "location",
                List.of("file_id"), false)))).containsExactly(new PostgresStatementEffect("SHARE", Work.INDEX_BUILD));
    }

    @Test
    void anEnumConversionRewritesTheTableOnceAndOnlyTouchesTypesOtherwise() {
        ColumnType.Enum before = ColumnType.Enum.of("state", "A", "B");
        ColumnType.Enum after = ColumnType.Enum.of("state", "A", "C");
        SchemaOp convert = new SchemaOp.ConvertEnumColumn("sub_record", Column.notNull("state", before),
                Column.notNull("state", after), LabelMap.from(before, after).map("B", "C").build(),
                LabelMap.from(after, before).map("C", "B").build());

        List<PostgresStatementEffect> effects = effects(convert);

        assertThat(effects).filteredOn(e -> e.work() == Work.REWRITE).hasSize(1);
        assertThat(effects).filteredOn(e -> e.work() != Work.REWRITE).extracting(PostgresStatementEffect::work)
                .containsOnly(Work.CATALOG);
    }

    private static List<PostgresStatementEffect> effects(SchemaOp op) {
        return DIALECT.statements(op).stream().map(PostgresStatementEffect::of).toList();
    }
}
