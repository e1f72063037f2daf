package uk.ac.ceda.nlds.db.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;


import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.autogenerate.library.migration.V1__Create_library;
import uk.ac.ceda.nlds.db.autogenerate.library.model.Book;
import uk.ac.ceda.nlds.db.autogenerate.library.model.Loan;
import uk.ac.ceda.nlds.db.autogenerate.library.model.Shelf;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * A changed entity model (a new table with a foreign key, a nullable and a NOT NULL column with a
 * default, an index, a unique constraint, an enum label) is written as a revision that compiles,
 * applies, leaves no difference behind, and downgrades back to the schema it started from.
 */
class AutogenerateRoundTripTest {

    private static final String GENERATED = "uk.ac.ceda.nlds.db.autogenerate.library.generated";
    private static final Path MODEL_SOURCES = Path.of("src/test/java/uk/ac/ceda/nlds/db/autogenerate/library/model");

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void generatesCompilesAppliesLeavesNoDifferenceAndDowngrades(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        RevisionRuntime runtime = new RevisionRuntime("library", backend, p -> null, ProgressListener.NONE);
        RevisionCatalogue base = RevisionCatalogue.of(runtime, List.of(new V1__Create_library()));
        try (Connection connection = db.connect()) {
            base.at(1).apply(connection);
        }
        DatabaseSchema before = Fixtures.inspect(db);
        Path sources = Files.createDirectories(folder.resolve("src"));

        List<RevisionGenerator.Outcome> outcomes = RevisionGenerator.generate(List.of(target(base, db, sources)),
                "lend books", true, Set.of("Loan"));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.changes()).containsExactly(
                "create table loan", "add column shelf.capacity", "convert enum column shelf.kind",
                "add column shelf.note", "add unique shelf_label_key on shelf", "create index ix_shelf_note"));
        Path file = outcomes.get(0).file();
        assertThat(file.getFileName().toString()).isEqualTo("V2__Lend_books.java");
        assertThat(Files.readString(file)).as("the data step's entity with what it refers to")
                .contains("static class Loan {", "static class Book {");
        Revision generated = compileAndLoad(file, sources);
        RevisionCatalogue withGenerated = RevisionCatalogue.of(runtime, List.of(new V1__Create_library(), generated));
        try (Connection connection = db.connect()) {
            withGenerated.at(2).apply(connection);
        }

        assertThat(RevisionGenerator.generate(List.of(target(withGenerated, db, sources)), "again", true, Set.of()))
                .as("no difference once the generated revision ran").isEmpty();

        try (Connection connection = db.connect()) {
            withGenerated.at(2).revert(connection);
        }
        assertThat(new SchemaComparison(backend, AlembicAdoption.BOOKKEEPING_TABLES).compare(before, Fixtures.inspect(db)))
                .as("downgrade restores the schema of revision 1").isEmpty();
    }

    private RevisionGenerator.Target target(RevisionCatalogue revisions, TestDatabase db, Path sources) throws Exception {
        Path out = Files.createDirectories(sources.resolve(GENERATED.replace('.', '/')));
        RevisionGenerator.HeadReader head = db.backend() == Backend.SQLITE
                ? RevisionGenerator.scratch("library", revisions)
                : () -> {
                    try {
                        return new RevisionGenerator.HeadSnapshot(Fixtures.inspect(db), Backend.POSTGRESQL);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
        return new RevisionGenerator.Target("library", revisions, List.of(Shelf.class, Book.class, Loan.class),
                MODEL_SOURCES, GENERATED, out, head, true);
    }

    /** Compiles the generated source with the JDK compiler and loads the revision class. */
    private Revision compileAndLoad(Path source, Path sourceRoot) throws Exception {
        Path classes = folder.resolve("classes");
        GeneratedSources.compile(source, classes);
        Path packageFolder = classes.resolve(GENERATED.replace('.', '/'));
        Files.copy(source, packageFolder.resolve(source.getFileName())); // its text is its checksum
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        String className = GENERATED + "." + source.getFileName().toString().replace(".java", "");
        return (Revision) loader.loadClass(className).getDeclaredConstructor().newInstance();
    }
}
