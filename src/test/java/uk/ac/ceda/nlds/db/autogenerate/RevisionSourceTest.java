package uk.ac.ceda.nlds.db.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.BIGINT;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.INTEGER;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/** The exact text written for each kind of change. */
class RevisionSourceTest {

    private static String render(List<SchemaOp> ops, List<String> notes) {
        return RevisionSource.render(new RevisionSource.Spec("uk.ac.ceda.nlds.db.catalog.migration",
                "V10__Add_quotas", "0123456789ab", "Add quotas.", ops, notes, EntityCopies.none()));
    }

    @Test
    void columnsIndexesUniquesAndForeignKeysOnOneTableAreOneBatchEachWay() {
        String source = render(List.of(
                new SchemaOp.AddColumn("holding", Column.nullable("note", VARCHAR)),
                new SchemaOp.AddColumn("holding", new Column("quota", BIGINT, false, 0L, false)),
                new SchemaOp.CreateIndex(Index.on("holding", "note")),
                new SchemaOp.AddUnique("holding", UniqueConstraint.of("holding_note_key", "note")),
                new SchemaOp.AddForeignKey("holding", ForeignKey.of("holding_owner_id_fkey", "owner_id", "owner"))),
                List.of());

        assertThat(source).isEqualTo("""
                package uk.ac.ceda.nlds.db.catalog.migration;

                import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.BIGINT;
                import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

                import uk.ac.ceda.nlds.db.migration.Revision;
                import uk.ac.ceda.nlds.db.migration.RevisionContext;
                import uk.ac.ceda.nlds.db.migration.schema.Column;
                import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;

                /**
                 * Add quotas.
                 */
                public class V10__Add_quotas extends Revision {

                    @Override
                    public String alembicId() {
                        return "0123456789ab";
                    }

                    @Override
                    protected void upgrade(RevisionContext context) throws Exception {
                        context.schema().alterTable("holding", holding -> holding
                                .addColumn(Column.nullable("note", VARCHAR))
                                .addColumn(new Column("quota", BIGINT, false, 0L, false))
                                .createIndex("ix_holding_note", "note")
                                .addUnique("holding_note_key", "note")
                                .addForeignKey(ForeignKey.of("holding_owner_id_fkey", "owner_id", "owner")));
                    }

                    @Override
                    protected void downgrade(RevisionContext context) throws Exception {
                        context.schema().alterTable("holding", holding -> holding
                                .dropForeignKey(ForeignKey.of("holding_owner_id_fkey", "owner_id", "owner"))
                                .dropUnique("holding_note_key", "note")
                                .dropIndex("ix_holding_note", "note")
                                .dropColumn(new Column("quota", BIGINT, false, 0L, false))
                                .dropColumn(Column.nullable("note", VARCHAR)));
                    }
                }
                """);
    }

    @Test
    void aNewTableIsAConstantBuiltLikeTheHandWrittenOnesAndDroppedOnDowngrade() {
        Table quota = Table.named("quota").id()
                .column("holding_id", INTEGER, false)
                .column(new Column("size", BIGINT, false, 0L, false))
                .unique("holding_id")
                .foreignKey("holding_id", "holding")
                .index("holding_id")
                .build();

        String source = render(List.of(new SchemaOp.CreateTable(quota)), List.of());

        assertThat(source).contains("""
                    static final Table QUOTA = Table.named("quota").id()
                            .column("holding_id", INTEGER, false)
                            .column(new Column("size", BIGINT, false, 0L, false))
                            .unique("holding_id")
                            .foreignKey("holding_id", "holding")
                            .index("holding_id")
                            .build();
                """).contains("""
                    protected void upgrade(RevisionContext context) throws Exception {
                        context.schema().createTable(QUOTA);
                    }
                """).contains("""
                    protected void downgrade(RevisionContext context) throws Exception {
                        context.schema().dropTable(QUOTA);
                    }
                """);
    }

    @Test
    void anEnumLabelChangeGetsBothLabelSetsPlaceholderMapsAndItsNote() {
        ColumnType.Enum before = ColumnType.Enum.of("storage", "OBJECT_STORAGE", "TAPE");
        ColumnType.Enum after = ColumnType.Enum.of("storage", "OBJECT_STORAGE", "DISK");
        String source = render(List.of(new SchemaOp.ConvertEnumColumn("location", Column.nullable("storage_type", before),
                Column.nullable("storage_type", after), LabelMap.from(before, after).build(),
                LabelMap.from(after, before).build())), List.of("location.storage_type: complete the label maps"));

        assertThat(source).contains("""
                    static final ColumnType.Enum STORAGE_BEFORE = ColumnType.Enum.of("storage", "OBJECT_STORAGE", "TAPE");

                    static final ColumnType.Enum STORAGE = ColumnType.Enum.of("storage", "OBJECT_STORAGE", "DISK");

                    static final LabelMap LOCATION_STORAGE_TYPE_UPGRADE = LabelMap.from(STORAGE_BEFORE, STORAGE)
                            // TODO map TAPE to a label of STORAGE, or rows holding it stop the conversion
                            // .map("TAPE", ...)
                            .build();

                    static final LabelMap LOCATION_STORAGE_TYPE_DOWNGRADE = LabelMap.from(STORAGE, STORAGE_BEFORE)
                            // TODO map DISK to a label of STORAGE_BEFORE, or rows holding it stop the conversion
                            // .map("DISK", ...)
                            .build();

                    static final Column LOCATION_STORAGE_TYPE_BEFORE = Column.nullable("storage_type", STORAGE_BEFORE);

                    static final Column LOCATION_STORAGE_TYPE_AFTER = Column.nullable("storage_type", STORAGE);
                """).contains("""
                        // TODO location.storage_type: complete the label maps
                        context.schema().alterTable("location", location -> location
                                .convertEnum(LOCATION_STORAGE_TYPE_BEFORE, LOCATION_STORAGE_TYPE_AFTER, LOCATION_STORAGE_TYPE_UPGRADE,
                                        LOCATION_STORAGE_TYPE_DOWNGRADE));
                """).contains("""
                        context.schema().alterTable("location", location -> location
                                .convertEnum(LOCATION_STORAGE_TYPE_AFTER, LOCATION_STORAGE_TYPE_BEFORE, LOCATION_STORAGE_TYPE_DOWNGRADE,
                                        LOCATION_STORAGE_TYPE_UPGRADE));
                """);
    }

    @Test
    void aDroppedColumnAndTableComeBackWhole() {
        Table old = Table.named("old").id().column("name", VARCHAR, true).build();
        String source = render(List.of(new SchemaOp.DropColumn("holding", Column.notNull("legacy", INTEGER)),
                new SchemaOp.DropTable(old)), List.of());

        assertThat(source).contains("""
                        context.schema().alterTable("holding", holding -> holding.dropColumn(Column.notNull("legacy", INTEGER)));
                        context.schema().dropTable(OLD);
                """).contains("""
                        context.schema().createTable(OLD);
                        context.schema().alterTable("holding", holding -> holding.addColumn(Column.notNull("legacy", INTEGER)));
                """);
    }

    @Test
    void aTypeNullabilityOrDefaultChangeIsOneAlterColumnEachWay() {
        String source = render(List.of(new SchemaOp.AlterColumn("file", Column.nullable("size", INTEGER),
                new Column("size", BIGINT, false, 0L, false))), List.of());

        assertThat(source).contains("""
                        context.schema().alterTable("file", file -> file
                                .alterColumn(Column.nullable("size", INTEGER), new Column("size", BIGINT, false, 0L, false)));
                """).contains("""
                        context.schema().alterTable("file", file -> file
                                .alterColumn(new Column("size", BIGINT, false, 0L, false), Column.nullable("size", INTEGER)));
                """);
    }

    @Test
    void longNamesLabelsAndDefaultsBreakOnlyBetweenLiteralsAndCompile(@TempDir Path folder) throws Exception {
        String table = "archived_transaction_record_with_a_rather_long_name";
        ColumnType.Enum before = ColumnType.Enum.of("archive_workflow_state_of_the_transaction_record",
                "WAITING FOR THE TAPE LIBRARY, THEN RETRYING", "COMPLETE, WITH \"QUOTED\" WARNINGS",
                "FAILED AFTER EVERY RETRY, SEE THE LOG");
        ColumnType.Enum after = ColumnType.Enum.of(before.name(), "WAITING FOR THE TAPE LIBRARY, THEN RETRYING",
                "COMPLETE, WITH \"QUOTED\" WARNINGS", "FAILED AFTER EVERY RETRY, SEE THE LOG, OR ASK AN OPERATOR");
        Column state = new Column("workflow_state_of_the_archived_transaction", before, false,
                "WAITING FOR THE TAPE LIBRARY, THEN RETRYING", false);
        String source = RevisionSource.render(new RevisionSource.Spec("uk.ac.ceda.nlds.db.generated.migration",
                "V2__Long_names", "0123456789ab", "Long names.", List.of(
                        new SchemaOp.AddColumn(table, new Column("comment_left_by_the_operator_who_last_looked_at_it",
                                VARCHAR, false, "none yet, see the ticket, or ask", false)),
                        new SchemaOp.ConvertEnumColumn(table, state, state.withType(after),
                                LabelMap.from(before, after).map("FAILED AFTER EVERY RETRY, SEE THE LOG",
                                        "FAILED AFTER EVERY RETRY, SEE THE LOG, OR ASK AN OPERATOR").build(),
                                LabelMap.from(after, before).map("FAILED AFTER EVERY RETRY, SEE THE LOG, OR ASK AN OPERATOR",
                                        "FAILED AFTER EVERY RETRY, SEE THE LOG").build())),
                List.of(), EntityCopies.none()));

        assertThat(source).contains("\"WAITING FOR THE TAPE LIBRARY, THEN RETRYING\"",
                "\"COMPLETE, WITH \\\"QUOTED\\\" WARNINGS\"", "\"none yet, see the ticket, or ask\"");
        Path file = Files.createDirectories(folder.resolve("uk/ac/ceda/nlds/db/generated/migration"))
                .resolve("V2__Long_names.java");
        Files.writeString(file, source);
        GeneratedSources.compile(file, folder.resolve("classes"));
    }
}
