package uk.ac.ceda.nlds.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.catalog.migration.V2__Add_aggregations;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

class RevisionChecksumTest {

    private static final Path V2_SOURCE = Path.of("src/main/java/uk/ac/ceda/nlds/db/catalog/migration/"
            + "V2__Add_aggregations.java");

    @TempDir
    Path folder;

    @Test
    void aFormatterCommentsAndImportOrderChangeNothing() throws Exception {
        String source = Files.readString(V2_SOURCE);
        int original = RevisionChecksum.of(source);

        assertThat(RevisionChecksum.of(reformatted(source))).isEqualTo(original);
        assertThat(RevisionChecksum.of(source.replace("\n", "\r\n"))).isEqualTo(original);
        assertThat(RevisionChecksum.of(source.replace("/** Alembic bf09ce0d6899 (2023-07-12): aggregations,",
                "// what it does\n/** Alembic bf09ce0d6899 (2023-07-12), first shipped in 2023: aggregations,")))
                .isEqualTo(original);
        assertThat(RevisionChecksum.of(withImportsReversed(source))).isEqualTo(original);
    }

    @Test
    void changingWhatTheRevisionDoesIsDetected() throws Exception {
        String source = Files.readString(V2_SOURCE);
        int original = RevisionChecksum.of(source);

        assertThat(RevisionChecksum.of(source.replace("\"ix_location_aggregation_id\", \"aggregation_id\")\n"
                + "                .addForeignKey", "\"ix_location_aggregation\", \"aggregation_id\")\n"
                + "                .addForeignKey"))).as("an index name").isNotEqualTo(original);
        assertThat(RevisionChecksum.of(source.replace(".column(\"checksum\", VARCHAR, true)",
                ".column(\"checksum\", VARCHAR, false)"))).as("a nullability").isNotEqualTo(original);
        assertThat(RevisionChecksum.of(source.replace("context.schema().dropTable(AGGREGATION);", "")))
                .as("a step removed").isNotEqualTo(original);
        assertThat(RevisionChecksum.of(source.replace("import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;",
                "import static other.Types.VARCHAR;"))).as("another class of the same name").isNotEqualTo(original);
    }

    @Test
    void layoutInsideLiteralsCounts() {
        int original = RevisionChecksum.of("class A { String s = \"a b\"; char c = '\\''; }");
        assertThat(RevisionChecksum.of("class A {\n  String s = \"a b\";\n  char c = '\\'';\n}\n")).isEqualTo(original);
        assertThat(RevisionChecksum.of("class A { String s = \"a  b\"; char c = '\\''; }")).isNotEqualTo(original);
        assertThat(RevisionChecksum.of("class A { String s = \"a // b\"; }"))
                .isNotEqualTo(RevisionChecksum.of("class A { String s = \"a \"; }"));
        assertThat(RevisionChecksum.of("class A { String s = \"a /* b */ c\"; }"))
                .isNotEqualTo(RevisionChecksum.of("class A { String s = \"a  c\"; }"));
        // a text block means its content without the incidental indentation
        assertThat(RevisionChecksum.of("class A { String s = \"\"\"\n    UPDATE x\n      SET y = 1\n    \"\"\"; }"))
                .isEqualTo(RevisionChecksum.of("class A {\n        String s = \"\"\"\n            UPDATE x\n"
                        + "              SET y = 1\n            \"\"\";\n}"))
                .isNotEqualTo(RevisionChecksum.of("class A { String s = \"\"\"\n    UPDATE x\n    SET y = 1\n    \"\"\"; }"));
        // numbers and operators stay whole
        assertThat(RevisionChecksum.of("class A { double d = 1.5e-3; int i = a >>> 2; }"))
                .isEqualTo(RevisionChecksum.of("class A{double d=1.5e-3;int i=a>>>2;}"))
                .isNotEqualTo(RevisionChecksum.of("class A { double d = 1.5e-3; int i = a >> > 2; }"));
    }

    @Test
    void aRevisionsChecksumIsThatOfItsSourceInTheTree() throws Exception {
        assertThat(new V2__Add_aggregations().getChecksum()).isEqualTo(RevisionChecksum.of(Files.readString(V2_SOURCE)));
        assertThat(new V2__Add_aggregations().legacyChecksum()).isEqualTo(RevisionChecksum.legacy(Files.readString(V2_SOURCE)));
        assertThat(new V2__Add_aggregations().getChecksum())
                .isNotEqualTo(new uk.ac.ceda.nlds.db.monitor.migration.V2__Add_aggregations().getChecksum());
    }

    @Test
    void flywayDetectsAnAppliedRevisionWhoseSourceChanged() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateToHead(catalog);
        Rows.execute(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        assertThatThrownBy(() -> catalog.flyway().validate()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining("3");
    }

    /** What a formatter might do: other indentation, wrapped and joined lines, blank lines, trailing blanks. */
    private static String reformatted(String source) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n")) {
            String stripped = line.strip();
            int indent = line.length() - line.stripLeading().length();
            // a formatter never touches a literal: lines with one keep their tokens' text
            String wrapped = stripped.contains("\"") ? stripped : stripped.replace(", ", ",\n\t\t\t").replace("(", "( ");
            out.append("\t".repeat(indent / 4)).append(wrapped).append("   \n\n");
        }
        return out.toString();
    }

    private static String withImportsReversed(String source) {
        List<String> lines = new ArrayList<>(List.of(source.split("\n")));
        List<String> imports = new ArrayList<>(lines.stream().filter(l -> l.startsWith("import ")).toList());
        Collections.reverse(imports);
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("import ")) {
                lines.set(i, imports.get(next++));
            }
        }
        return String.join("\n", lines);
    }
}
