package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/**
 * Alembic eaeeec0b5cf2 (2023-08-28): the archive workflow states. This is the map upstream
 * intended (its data step filtered on a constant that was always false and mapped nothing).
 * ARCHIVE_INIT has no older equivalent, so a downgrade that meets it refuses.
 */
public class V5__Archive_workflow_states extends Revision {

    static final ColumnType.Enum STATE_V1 = ColumnType.Enum.of("state", "INITIALISING", "ROUTING", "SPLITTING",
            "INDEXING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "CATALOG_ROLLBACK", "CATALOG_GETTING",
            "TRANSFER_GETTING", "COMPLETE", "FAILED", "CATALOG_BACKUP", "ARCHIVE_PUTTING", "CATALOG_RESTORING",
            "ARCHIVE_GETTING", "CATALOG_UPDATING");
    static final ColumnType.Enum STATE = ColumnType.Enum.of("state", "INITIALISING", "ROUTING", "COMPLETE",
            "FAILED", "SPLITTING", "INDEXING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "CATALOG_ROLLBACK",
            "CATALOG_GETTING", "ARCHIVE_GETTING", "TRANSFER_GETTING", "ARCHIVE_INIT", "CATALOG_ARCHIVE_AGGREGATING",
            "ARCHIVE_PUTTING", "CATALOG_ARCHIVE_UPDATING", "CATALOG_ARCHIVE_ROLLBACK");

    static final LabelMap UPGRADE = LabelMap.from(STATE_V1, STATE)
            .map("CATALOG_BACKUP", "CATALOG_ARCHIVE_AGGREGATING")
            .map("CATALOG_RESTORING", "CATALOG_ARCHIVE_ROLLBACK")
            .map("CATALOG_UPDATING", "CATALOG_ARCHIVE_UPDATING")
            .build();

    static final LabelMap DOWNGRADE = LabelMap.from(STATE, STATE_V1)
            .map("CATALOG_ARCHIVE_AGGREGATING", "CATALOG_BACKUP")
            .map("CATALOG_ARCHIVE_ROLLBACK", "CATALOG_RESTORING")
            .map("CATALOG_ARCHIVE_UPDATING", "CATALOG_UPDATING")
            // upstream's SQLite databases kept CATALOG_BACKUP and friends through its revision 5
            .keepTargetLabels()
            .build();

    private static final Column BEFORE = Column.notNull("state", STATE_V1);
    private static final Column AFTER = Column.notNull("state", STATE);

    @Override
    public String alembicId() {
        return "eaeeec0b5cf2";
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
