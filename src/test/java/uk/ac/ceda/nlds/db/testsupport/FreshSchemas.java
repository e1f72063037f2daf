package uk.ac.ceda.nlds.db.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * The schema of a database this project migrates from empty to a revision, on either backend,
 * migrated and read once per test JVM: many tests compare a database they changed with it, and
 * migrating a new database for every comparison was much of their time. The key includes the
 * test-only revision packages of {@link RevisionChain}, so a chain with an extra V10 gets its own.
 */
public final class FreshSchemas {

    private static final Map<List<Object>, DatabaseSchema> SCHEMAS = new HashMap<>();

    private FreshSchemas() {
    }

    public static synchronized DatabaseSchema at(NldsDatabase database, Backend backend, int version) throws Exception {
        List<Object> key = List.of(database, backend, version, RevisionChain.extraPackages(database));
        DatabaseSchema schema = SCHEMAS.get(key);
        if (schema == null) {
            schema = migrateAndInspect(database, backend, version);
            SCHEMAS.put(key, schema);
        }
        return schema;
    }

    private static DatabaseSchema migrateAndInspect(NldsDatabase database, Backend backend, int version)
            throws Exception {
        if (backend == Backend.SQLITE) {
            Path file = Files.createTempFile("nlds-fresh-" + database.id() + "-" + version + "-", ".db");
            try {
                Files.delete(file); // SQLite creates it, as it would a new database's file
                return migrateAndInspect(database, TestDatabase.sqlite(file), version);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        PostgresServer server = PostgresServer.get();
        String name = PostgresThrowaways.create(server);
        return migrateAndInspect(database, new TestDatabase(server.urlFor(name), server.user(), server.password(),
                name), version);
    }

    private static DatabaseSchema migrateAndInspect(NldsDatabase database, TestDatabase db, int version)
            throws Exception {
        if (version > 0) {
            MigrationHarness.migrateTo(MigrationHarness.managed(database, db), version);
        }
        return Fixtures.inspect(db);
    }
}
