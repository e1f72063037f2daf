package uk.ac.ceda.nlds.db;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * No package of the main tree depends on itself through others: each package, sub-packages of
 * {@code migration} included, is a slice of its own, so a cycle between {@code migration} and
 * {@code migration.dialect} counts as much as one between {@code cli} and {@code startup}.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.ac.ceda.nlds.db");

    @Test
    void mainPackagesAreFreeOfCycles() {
        slices().matching("uk.ac.ceda.nlds.db.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(MAIN);
    }
}
