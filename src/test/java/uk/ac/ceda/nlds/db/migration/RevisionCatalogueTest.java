package uk.ac.ceda.nlds.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;

class RevisionCatalogueTest {

    /** Before the context starts, from the names alone: nested classes and other packages' names are not revisions. */
    @Test
    void theHighestVersionIsReadFromTheRevisionsClassFileNames() {
        assertThat(RevisionCatalogue.highestVersionIn(List.of(NldsDatabase.CATALOG.migrationPackage())))
                .isEqualTo(RevisionChain.head());
        assertThat(RevisionCatalogue.highestVersionIn(List.of(NldsDatabase.MONITOR.migrationPackage(),
                "uk.ac.ceda.nlds.db.runtime.failing.migration"))).isEqualTo(RevisionChain.head() + 1);
        assertThat(RevisionCatalogue.highestVersionIn(List.of("uk.ac.ceda.nlds.db.no.such.package"))).isZero();
    }
}
