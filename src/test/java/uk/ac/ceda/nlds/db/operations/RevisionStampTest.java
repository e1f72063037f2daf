package uk.ac.ceda.nlds.db.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionShapes;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.EntityModelCheck;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Stamping records a revision only where the live schema is that revision's, and leaves a history Flyway trusts. */
class RevisionStampTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void scratchShapesMatchFreshMigrationsAndLeaveNothingBehind(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);

        List<DatabaseSchema> shapes = RevisionShapes.upTo("catalog", backend, catalog.revisions(),
                catalog.migrationDataSource(), RevisionChain.head()).stream().map(RevisionShapes.Shape::schema).toList();

        assertThat(shapes).hasSize(RevisionChain.head() + 1);
        assertThat(shapes.get(0).tables()).isEmpty();
        assertThat(Fixtures.inspect(db).tables()).as("nothing left in the real database").isEmpty();
        assertThat(Rows.column(db, backend == Backend.SQLITE ? "SELECT name FROM sqlite_master"
                : "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'nlds_shape%'")).isEmpty();
        MigrationHarness.migrateTo(catalog, 3);
        assertThat(new SchemaComparison(backend, EntityModelCheck.BOOKKEEPING_TABLES).compare(shapes.get(3),
                Fixtures.inspect(db))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anUnversionedDatabaseIsStampedOnlyAtTheRevisionItsSchemaIs(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 4);
        Rows.execute(db, "DROP TABLE flyway_schema_history", "DROP TABLE alembic_version");
        assertThat(DatabaseStatus.read(catalog).origin()).isEqualTo(DatabaseStatus.Origin.UNVERSIONED);

        assertThatThrownBy(() -> RevisionStamp.run(catalog, 3)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("catalog: the schema does not look like V3 (ee82dd99bfc0): location: unique"
                        + " constraint").hasMessageContaining("nothing was changed");
        assertThat(DatabaseStatus.read(catalog).origin()).isEqualTo(DatabaseStatus.Origin.UNVERSIONED);

        RevisionStamp.run(catalog, 4);

        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(4);
        assertThat(DatabaseMigrator.migrate(catalog).revisionsApplied()).isEqualTo(RevisionChain.head() - 4);
        assertThat(Fixtures.differencesFromFresh(db, NldsDatabase.CATALOG, RevisionChain.head(), postgres, folder)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void stampingForwardAndBackRecordsRowsFlywayValidates(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 4);

        // catalog revision 5 changes nothing in its schema, so V5 looks exactly like V4
        RevisionStamp.run(catalog, 5);
        assertThat(Rows.column(db, "SELECT version || ' ' || type || ' ' || installed_by FROM flyway_schema_history"
                + " WHERE version = '5'")).singleElement()
                .satisfies(row -> assertThat(row).startsWith("5 JDBC ").endsWith("(stamp)"));
        assertThat(DatabaseStatus.read(catalog).problems()).isEmpty();
        Flyway.configure().configuration(catalog.flyway().getConfiguration()).ignoreMigrationPatterns("*:pending")
                .load().validate();

        RevisionStamp.run(catalog, 4);
        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(4);
        assertThatThrownBy(() -> RevisionStamp.run(catalog, 6)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("the schema does not look like V6 (f1f20ae58def): aggregation: column failed_fl is missing");
        assertThat(DatabaseMigrator.migrate(catalog).revisionsApplied()).isEqualTo(RevisionChain.head() - 4);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void stampKeepsAlembicVersionInStep(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 2);
        assertThat(Rows.column(db, "SELECT version_num FROM alembic_version")).as("written by each revision")
                .containsExactly("bf09ce0d6899");
        Rows.execute(db, "DROP TABLE flyway_schema_history");

        RevisionStamp.run(catalog, 2);

        assertThat(Rows.column(db, "SELECT version_num FROM alembic_version")).containsExactly("bf09ce0d6899");
        assertThat(Rows.column(db, "SELECT version || ' ' || type FROM flyway_schema_history")).containsExactly("2 BASELINE");
    }
}
