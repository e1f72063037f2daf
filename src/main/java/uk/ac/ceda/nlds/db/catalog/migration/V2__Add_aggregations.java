package uk.ac.ceda.nlds.db.catalog.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.INTEGER;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/** Alembic bf09ce0d6899 (2023-07-12): aggregations, and each location may belong to one. */
public class V2__Add_aggregations extends Revision {

    static final Table AGGREGATION = Table.named("aggregation").id()
            .column("tarname", VARCHAR, false)
            .column("checksum", VARCHAR, true)
            .column("algorithm", VARCHAR, true)
            .build();

    private static final Column AGGREGATION_ID = Column.nullable("aggregation_id", INTEGER);
    private static final ForeignKey TO_AGGREGATION =
            ForeignKey.of("fk_location_aggregation_id_aggregation", "aggregation_id", "aggregation");

    @Override
    public String alembicId() {
        return "bf09ce0d6899";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().createTable(AGGREGATION);
        context.schema().alterTable("location", location -> location
                .addColumn(AGGREGATION_ID)
                .createIndex("ix_location_aggregation_id", "aggregation_id")
                .addForeignKey(TO_AGGREGATION));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.refuseLoss(context.count("SELECT COUNT(*) FROM aggregation"), "the aggregations");
        context.schema().alterTable("location", location -> location
                .dropForeignKey(TO_AGGREGATION)
                .dropIndex("ix_location_aggregation_id", "aggregation_id")
                .dropColumn(AGGREGATION_ID));
        context.schema().dropTable(AGGREGATION);
    }
}
