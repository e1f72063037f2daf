package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/** Alembic f1f20ae58def (2023-10-06): an aggregation can be marked as failed. */
public class V6__Failed_aggregations extends Revision {

    private static final Column FAILED_FL = new Column("failed_fl", ColumnType.BOOLEAN, false, false, false);

    @Override
    public String alembicId() {
        return "f1f20ae58def";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("aggregation", aggregation -> aggregation.addColumn(FAILED_FL));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.refuseLoss(context.count("SELECT COUNT(*) FROM aggregation WHERE failed_fl"), "which aggregations failed");
        context.schema().alterTable("aggregation", aggregation -> aggregation.dropColumn(FAILED_FL));
    }
}
