package uk.ac.ceda.nlds.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.catalog.migration.V1__Create_initial_tables;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

class RevisionChecksumTest {

    @TempDir
    Path folder;

    @Test
    void lineEndingsAndTrailingBlanksDoNotCountButEditsDo() {
        int original = RevisionChecksum.of("class A {\n    int x;\n}\n");
        assertThat(RevisionChecksum.of("class A {\r\n    int x;   \r\n}\r\n")).isEqualTo(original);
        assertThat(RevisionChecksum.of("class A {\n    int y;\n}\n")).isNotEqualTo(original);
    }

    @Test
    void aRevisionsChecksumComesFromItsPackagedSource() {
        assertThat(new V1__Create_initial_tables().getChecksum()).isEqualTo(RevisionChecksum.of(V1__Create_initial_tables.class));
        assertThat(RevisionChecksum.of(V1__Create_initial_tables.class))
                .isNotEqualTo(RevisionChecksum.of(uk.ac.ceda.nlds.db.monitor.migration.V1__Create_initial_tables.class));
    }

    @Test
    void flywayDetectsAnAppliedRevisionWhoseSourceChanged() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("catalog.db"));
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 9);
        Rows.execute(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        assertThatThrownBy(() -> catalog.flyway().validate()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining("3");
    }
}
