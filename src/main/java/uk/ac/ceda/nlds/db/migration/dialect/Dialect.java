package uk.ac.ceda.nlds.db.migration.dialect;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOpApplier;

/** Turns schema operations into SQL for one backend, and reads a live schema back. */
public interface Dialect extends SchemaOpApplier {

    static Dialect of(Backend backend) {
        return switch (backend) {
            case SQLITE -> new SqliteDialect();
            case POSTGRESQL -> new PostgresDialect();
        };
    }

    Backend backend();

    SchemaInspector inspector();
}
