package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/** Alembic fa9f4b687d19 (2023-07-13): a file has at most one location per storage type. */
public class V4__One_location_per_storage_type extends Revision {

    @Override
    public String alembicId() {
        return "fa9f4b687d19";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        long duplicated = Sql.queryLong(context.connection(), """
                SELECT COUNT(*) FROM (SELECT file_id FROM location GROUP BY storage_type, file_id
                                      HAVING COUNT(*) > 1) duplicates""");
        if (duplicated > 0) {
            throw new MigrationException(duplicated + " files have more than one location of the same storage type,"
                    + " which revision " + label() + " forbids; remove the extra locations first");
        }
        context.schema().alterTable("location",
                location -> location.addUnique("uq_location_storage_type", "storage_type", "file_id"));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("location",
                location -> location.dropUnique("uq_location_storage_type", "storage_type", "file_id"));
    }
}
