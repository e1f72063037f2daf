package uk.ac.ceda.nlds.db.catalog.entity;

/** What a catalogued path is (revision 8's set). */
public enum PathType {
    FILE, DIRECTORY, LINK, NOT_RECOGNISED, UNINDEXED
}
