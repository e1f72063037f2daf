package uk.ac.ceda.nlds.db.config;

import java.util.Locale;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/** The two databases of NLDS, each with its own migrations and its own entity model. */
public enum NldsDatabase {
    CATALOG, MONITOR;

    private static final String BASE_PACKAGE = "uk.ac.ceda.nlds.db.";

    /** {@code catalog} or {@code monitor}: how properties, logs and commands name it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String migrationPackage() {
        return BASE_PACKAGE + id() + ".migration";
    }

    public String entityPackage() {
        return BASE_PACKAGE + id() + ".entity";
    }

    public static NldsDatabase fromId(String id) {
        for (NldsDatabase database : values()) {
            if (database.id().equalsIgnoreCase(id)) {
                return database;
            }
        }
        throw new InvalidInputException("unknown database '" + id + "': use catalog or monitor");
    }
}
