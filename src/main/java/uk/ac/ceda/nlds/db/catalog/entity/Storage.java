package uk.ac.ceda.nlds.db.catalog.entity;

/** Where a copy of a file lives. */
public enum Storage {
    OBJECT_STORAGE, TAPE
}
