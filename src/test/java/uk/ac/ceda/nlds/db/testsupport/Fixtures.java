package uk.ac.ceda.nlds.db.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/** The fixture databases the original Alembic chain made, copied or loaded for one test, and schema checks on them. */
public final class Fixtures {

    public static final String[] CATALOG_TABLES = {"holding", "transaction", "tag", "file", "location", "checksum"};
    public static final String[] MONITOR_TABLES = {"transaction_record", "sub_record", "failed_file", "warning"};

    private Fixtures() {
    }

    public static String[] tables(NldsDatabase database) {
        return database == NldsDatabase.CATALOG ? CATALOG_TABLES : MONITOR_TABLES;
    }

    /** A private copy of {@code fixtures/<fixture>/<database>}: a SQLite file in {@code folder}, or a new PostgreSQL database. */
    public static TestDatabase load(String fixture, NldsDatabase database, PostgresDatabases postgres, Path folder)
            throws Exception {
        Path source = NldsReference.root().resolve("fixtures").resolve(fixture);
        if (fixture.startsWith("sqlite")) {
            Path copy = folder.resolve(fixture + "-" + database.id() + ".db");
            Files.copy(source.resolve(database.id() + ".db"), copy);
            return TestDatabase.sqlite(copy);
        }
        TestDatabase db = postgres.create();
        try (Connection connection = db.connect()) {
            NldsReference.runScript(connection, source.resolve(database.id() + ".schema.sql"));
        }
        try (Connection connection = db.connect()) {
            NldsReference.runScript(connection, source.resolve(database.id() + ".data.sql"));
        }
        return db;
    }

    /**
     * How {@code db}'s schema differs from a database this project migrates from scratch to {@code version}
     * (migrated once per test JVM, {@link FreshSchemas}; {@code postgres} and {@code folder} are no longer needed).
     */
    public static List<SchemaDifference> differencesFromFresh(TestDatabase db, NldsDatabase database, int version,
            PostgresDatabases postgres, Path folder) throws Exception {
        return new SchemaComparison(db.backend(), AlembicAdoption.BOOKKEEPING_TABLES)
                .compare(FreshSchemas.at(database, db.backend(), version), inspect(db));
    }

    public static DatabaseSchema inspect(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            return Dialect.of(db.backend()).inspector().inspect(connection);
        }
    }
}
