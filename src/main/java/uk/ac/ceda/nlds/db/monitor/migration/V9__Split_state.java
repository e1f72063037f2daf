package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/**
 * Alembic 82701862649a (2025-09-04): the SPLIT state. The map keeps upstream's two renames
 * (CATALOG_UPDATING and ARCHIVE_PREPARING fold into older labels); a downgrade turns SPLIT into
 * COMPLETE.
 */
public class V9__Split_state extends Revision {

    static final ColumnType.Enum STATE_V7 = V7__State_overhaul.STATE;
    static final ColumnType.Enum STATE = ColumnType.Enum.of("state", "INITIALISING", "ROUTING", "SPLITTING",
            "INDEXING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "CATALOG_GETTING", "ARCHIVE_GETTING",
            "TRANSFER_GETTING", "TRANSFER_INIT", "ARCHIVE_INIT", "ARCHIVE_PUTTING", "ARCHIVE_PREPARING",
            "CATALOG_DELETING", "CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING", "CATALOG_REMOVING", "COMPLETE",
            "FAILED", "COMPLETE_WITH_ERRORS", "COMPLETE_WITH_WARNINGS", "SPLIT", "SEARCHING");

    static final LabelMap UPGRADE = LabelMap.from(STATE_V7, STATE)
            .map("CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING")
            .map("ARCHIVE_PREPARING", "ARCHIVE_GETTING")
            .throughOlder(V7__State_overhaul.UPGRADE)
            .build();

    static final LabelMap DOWNGRADE = LabelMap.from(STATE, STATE_V7)
            .map("SPLIT", "COMPLETE")
            .map("CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING")
            .map("ARCHIVE_PREPARING", "ARCHIVE_GETTING")
            .build();

    private static final Column BEFORE = new Column("state", STATE_V7, false, "INITIALISING", false);
    private static final Column AFTER = new Column("state", STATE, false, "INITIALISING", false);

    @Override
    public String alembicId() {
        return "82701862649a";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("sub_record", subRecord -> subRecord.convertEnum(BEFORE, AFTER, UPGRADE, DOWNGRADE));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("sub_record", subRecord -> subRecord.convertEnum(AFTER, BEFORE, DOWNGRADE, UPGRADE));
    }
}
