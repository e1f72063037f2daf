package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/**
 * Alembic c7648694325f (2024-12-16): the state overhaul; {@code sub_record.state} gets default
 * INITIALISING. Labels left over from revision 1's set (SQLite databases that passed upstream's
 * revision 5 unmapped) are taken through revision 5's map first.
 */
public class V7__State_overhaul extends Revision {

    static final ColumnType.Enum STATE_V5 = V5__Archive_workflow_states.STATE;
    static final ColumnType.Enum STATE = ColumnType.Enum.of("state", "INITIALISING", "ROUTING", "SPLITTING",
            "INDEXING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "CATALOG_GETTING", "ARCHIVE_GETTING",
            "TRANSFER_GETTING", "TRANSFER_INIT", "ARCHIVE_INIT", "ARCHIVE_PUTTING", "ARCHIVE_PREPARING",
            "CATALOG_DELETING", "CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING", "CATALOG_REMOVING", "COMPLETE",
            "FAILED", "COMPLETE_WITH_ERRORS", "COMPLETE_WITH_WARNINGS", "SEARCHING");

    static final LabelMap UPGRADE = LabelMap.from(STATE_V5, STATE)
            .map("CATALOG_ROLLBACK", "CATALOG_REMOVING")
            .map("CATALOG_ARCHIVE_AGGREGATING", "TRANSFER_INIT")
            .map("CATALOG_ARCHIVE_ROLLBACK", "CATALOG_ARCHIVE_UPDATING")
            .throughOlder(V5__Archive_workflow_states.UPGRADE)
            .build();

    static final LabelMap DOWNGRADE = LabelMap.from(STATE, STATE_V5)
            .map("TRANSFER_INIT", "INITIALISING")
            .map("ARCHIVE_PREPARING", "ARCHIVE_GETTING")
            .map("CATALOG_DELETING", "CATALOG_ROLLBACK")
            .map("CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING")
            .map("CATALOG_REMOVING", "CATALOG_ROLLBACK")
            .map("COMPLETE_WITH_ERRORS", "COMPLETE")
            .map("COMPLETE_WITH_WARNINGS", "COMPLETE")
            .map("SEARCHING", "INITIALISING")
            .build();

    private static final Column BEFORE = Column.notNull("state", STATE_V5);
    private static final Column AFTER = new Column("state", STATE, false, "INITIALISING", false);

    @Override
    public String alembicId() {
        return "c7648694325f";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        dropUpstreamLeftover(context);
        context.schema().alterTable("sub_record", subRecord -> subRecord.convertEnum(BEFORE, AFTER, UPGRADE, DOWNGRADE));
    }

    /**
     * Upstream's failed attempt at this revision on SQLite (its unguarded DROP TYPE) left the
     * half-filled {@code new_state} column behind; the conversion below rebuilds from {@code state}.
     */
    private static void dropUpstreamLeftover(RevisionContext context) throws Exception {
        Column leftover = context.table("sub_record").flatMap(t -> t.column("new_state")).orElse(null);
        if (leftover != null) {
            context.schema().alterTable("sub_record", subRecord -> subRecord.dropColumn(leftover));
        }
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("sub_record", subRecord -> subRecord.convertEnum(AFTER, BEFORE, DOWNGRADE, UPGRADE));
    }
}
