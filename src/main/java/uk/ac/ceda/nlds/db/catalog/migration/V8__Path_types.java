package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.ops.LabelMap;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/**
 * Alembic 87bbd9e274a1 (2025-04-08): the new path types; {@code file.path_type} becomes NOT NULL
 * with default NOT_RECOGNISED. Labels are matched as text, so databases created with either the
 * 2023 or the 2025 labels pass (upstream's could not pass with the 2025 ones).
 */
public class V8__Path_types extends Revision {

    static final ColumnType.Enum PATH_TYPE_2023 = ColumnType.Enum.of("pathtype", "FILE", "DIRECTORY",
            "LINK_UNCLASSIFIED", "LINK_COMMON_PATH", "LINK_ABSOLUTE_PATH", "NOT_RECOGNISED");
    static final ColumnType.Enum PATH_TYPE = ColumnType.Enum.of("pathtype", "FILE", "DIRECTORY", "LINK",
            "NOT_RECOGNISED", "UNINDEXED");

    static final LabelMap UPGRADE = LabelMap.from(PATH_TYPE_2023, PATH_TYPE)
            .map("LINK_UNCLASSIFIED", "LINK")
            .map("LINK_COMMON_PATH", "LINK")
            .map("LINK_ABSOLUTE_PATH", "LINK")
            // a database created after April 2025 already holds the new labels
            .map("LINK", "LINK")
            .map("UNINDEXED", "UNINDEXED")
            .nullTo("NOT_RECOGNISED")
            .build();

    static final LabelMap DOWNGRADE = LabelMap.from(PATH_TYPE, PATH_TYPE_2023)
            .map("LINK", "LINK_COMMON_PATH")
            .map("UNINDEXED", "NOT_RECOGNISED")
            .build();

    private static final Column BEFORE = Column.nullable("path_type", PATH_TYPE_2023);
    private static final Column AFTER = new Column("path_type", PATH_TYPE, false, "NOT_RECOGNISED", false);

    @Override
    public String alembicId() {
        return "87bbd9e274a1";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("file", file -> file.convertEnum(BEFORE, AFTER, UPGRADE, DOWNGRADE));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("file", file -> file.convertEnum(AFTER, BEFORE, DOWNGRADE, UPGRADE));
    }
}
