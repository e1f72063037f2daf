package uk.ac.ceda.nlds.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
    void aTypeThatMovedPackageIsReadUnderItsRecordedName() throws Exception {
        String source = Files.readString(V2_SOURCE);
        String movedImport = "import uk.ac.ceda.nlds.db.migration.core.MigrationException;\n";
        String recordedImport = "import uk.ac.ceda.nlds.db.migration.MigrationException;\n";
        String afterTheMove = source.replaceFirst("\nimport ", "\n" + movedImport + "import ");
        String beforeTheMove = source.replaceFirst("\nimport ", "\n" + recordedImport + "import ");

        assertThat(RevisionChecksum.of(RevisionChecksum.asRecorded(afterTheMove))).isEqualTo(RevisionChecksum.of(beforeTheMove));
        assertThat(RevisionChecksum.legacy(RevisionChecksum.asRecorded(afterTheMove)))
                .isEqualTo(RevisionChecksum.legacy(beforeTheMove));
        assertThat(RevisionChecksum.of(afterTheMove)).as("without the table").isNotEqualTo(RevisionChecksum.of(beforeTheMove));
    }

    /**
     * What databases recorded when each revision was applied (meaning, legacy): an edit of an applied revision, or a
     * moved type without its {@link RevisionChecksum#MOVED_TYPES} entry, changes one.
     */
    @Test
    void everyRevisionKeepsTheChecksumsDeployedDatabasesRecorded() throws Exception {
        Map<String, List<Integer>> recorded = Map.ofEntries(
                Map.entry("catalog.migration.V1__Create_initial_tables", List.of(-736426850, 338280658)),
                Map.entry("catalog.migration.V2__Add_aggregations", List.of(-1567381398, 2047799902)),
                Map.entry("catalog.migration.V3__Add_storage_url_fields", List.of(95203782, -729086845)),
                Map.entry("catalog.migration.V4__One_location_per_storage_type", List.of(-781597708, -1304823738)),
                Map.entry("catalog.migration.V5__Archive_workflow_states", List.of(1502452248, 165775897)),
                Map.entry("catalog.migration.V6__Failed_aggregations", List.of(1141312441, 1386202414)),
                Map.entry("catalog.migration.V7__State_overhaul", List.of(1590670794, -562078104)),
                Map.entry("catalog.migration.V8__Path_types", List.of(134641338, 1407899384)),
                Map.entry("catalog.migration.V9__Split_state", List.of(1442535522, -993295828)),
                Map.entry("monitor.migration.V1__Create_initial_tables", List.of(-1504186062, -2060068962)),
                Map.entry("monitor.migration.V2__Add_aggregations", List.of(-1459344801, 1046720223)),
                Map.entry("monitor.migration.V3__Add_storage_url_fields", List.of(-569785788, 1255774285)),
                Map.entry("monitor.migration.V4__One_location_per_storage_type", List.of(-705354624, 1898834525)),
                Map.entry("monitor.migration.V5__Archive_workflow_states", List.of(-2091854843, -946614936)),
                Map.entry("monitor.migration.V6__Failed_aggregations", List.of(734075192, -941130658)),
                Map.entry("monitor.migration.V7__State_overhaul", List.of(-553800831, 657723088)),
                Map.entry("monitor.migration.V8__Path_types", List.of(1789574379, 333160767)),
                Map.entry("monitor.migration.V9__Split_state", List.of(1030576205, -318646947))
        );
        for (Map.Entry<String, List<Integer>> revision : recorded.entrySet()) {
            Revision applied = (Revision) Class.forName("uk.ac.ceda.nlds.db." + revision.getKey())
                    .getDeclaredConstructor().newInstance();
            assertThat(List.of(applied.getChecksum(), applied.legacyChecksum())).as(revision.getKey())
                    .isEqualTo(revision.getValue());
        }
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
