package uk.ac.ceda.nlds.db.autogenerate.library.model;

/** Test-only: the library's kinds, with a label the schema does not have yet. */
public enum Kind {
    PAPER, TAPE, DISK
}
