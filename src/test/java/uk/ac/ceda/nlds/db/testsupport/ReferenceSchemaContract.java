package uk.ac.ceda.nlds.db.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionGrouping;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.DeferredRebuilds;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * After migrating an empty database to revision N, its schema equals the schema the original
 * Alembic chain produced at N ({@code src/test/resources/nlds/reference}): PostgreSQL revisions 1–9 (the
 * chain's last; later revisions have no reference), SQLite 1–6 (upstream never got SQLite past 6). Both sides are read by the same inspector and
 * compared by {@link SchemaComparison}; bookkeeping tables are left out.
 */
public abstract class ReferenceSchemaContract {

    private static final Set<String> BOOKKEEPING = AlembicAdoption.BOOKKEEPING_TABLES;

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    protected abstract NldsDatabase database();

    static Stream<Integer> postgresRevisions() {
        return IntStream.rangeClosed(1, RevisionChain.LAST_ALEMBIC_REVISION).boxed();
    }

    static Stream<Integer> sqliteRevisions() {
        return IntStream.rangeClosed(1, 6).boxed();
    }

    @ParameterizedTest(name = "revision {0}")
    @MethodSource("postgresRevisions")
    void postgresqlSchemaEqualsTheReference(int version) throws Exception {
        assertThat(differences(Backend.POSTGRESQL, version, postgres.create(), postgres.create())).isEmpty();
    }

    @ParameterizedTest(name = "revision {0}")
    @MethodSource("sqliteRevisions")
    void sqliteSchemaEqualsTheReference(int version) throws Exception {
        TestDatabase ours = TestDatabase.sqlite(folder.resolve("ours-" + version + ".db"));
        TestDatabase reference = TestDatabase.sqlite(folder.resolve("reference-" + version + ".db"));
        assertThat(differences(Backend.SQLITE, version, ours, reference)).isEmpty();
    }

    /** The same with the revisions in one transaction and SQLite's rebuilds deferred inside it. */
    @ParameterizedTest(name = "revision {0}")
    @MethodSource("sqliteRevisions")
    void sqliteSchemaEqualsTheReferenceWithTheRevisionsGrouped(int version) throws Exception {
        TestDatabase ours = TestDatabase.sqlite(folder.resolve("ours-grouped-" + version + ".db"));
        TestDatabase reference = TestDatabase.sqlite(folder.resolve("reference-" + version + ".db"));
        Map<String, String> settings = new HashMap<>(MigrationHarness.FIXTURE_SETTINGS);
        settings.put(RevisionGrouping.PROPERTY, "sqlite");
        settings.put(DeferredRebuilds.PROPERTY, "true");
        assertThat(differences(Backend.SQLITE, version, ours, reference,
                MigrationHarness.managed(database(), ours, settings, List.of()))).isEmpty();
    }

    private List<SchemaDifference> differences(Backend backend, int version, TestDatabase ours, TestDatabase reference)
            throws Exception {
        return differences(backend, version, ours, reference, MigrationHarness.managed(database(), ours));
    }

    private List<SchemaDifference> differences(Backend backend, int version, TestDatabase ours, TestDatabase reference,
            ManagedDatabase managed) throws Exception {
        MigrationHarness.migrateTo(managed, version);
        Path script = NldsReference.referenceSchema(backend == Backend.SQLITE ? "sqlite" : "postgresql", version,
                database().id());
        try (Connection connection = reference.connect()) {
            NldsReference.runScript(connection, script);
        }
        DatabaseSchema expected = inspect(backend, reference);
        assertThat(expected.tables()).as("tables read from the reference").hasSizeGreaterThan(BOOKKEEPING.size());
        return new SchemaComparison(backend, BOOKKEEPING).compare(expected, inspect(backend, ours));
    }

    private static DatabaseSchema inspect(Backend backend, TestDatabase database) throws Exception {
        try (Connection connection = database.connect()) {
            return Dialect.of(backend).inspector().inspect(connection);
        }
    }
}
