package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.startup.ExitCode;

class StartupErrorsTest {

    @Test
    void ourMessageIsFoundInsideSpringsWrapping() {
        RuntimeException failure = new BeanCreationException("catalogDatabase", "Error creating bean",
                new MigrationFailedException("catalog", "revision V3 failed", new IllegalStateException("inner")));

        assertThat(StartupErrors.oneLine(failure)).isEqualTo("catalog: revision V3 failed");
    }

    @Test
    void aListOnFurtherLinesKeepsItsFirstEntriesAndCountsTheRest() {
        MigrationException failure = new MigrationException("catalog: these labels are unknown:\n  A (3 rows)\n"
                + "  B (1 row)\n  C (2 rows)\n  D (9 rows)\n  E (1 row)");

        assertThat(StartupErrors.oneLine(failure))
                .isEqualTo("catalog: these labels are unknown: A (3 rows); B (1 row); C (2 rows) (and 2 more)");
    }

    @Test
    void aShortListIsShownWhole() {
        assertThat(StartupErrors.oneLine(new MigrationException("two things\nfirst\n\nsecond")))
                .isEqualTo("two things; first; second");
    }

    @Test
    void badInputExitsTwoAndWhatADatabaseDidExitsOne() {
        assertThat(StartupErrors.exitCode(new BeanCreationException("catalogDatabase", "Error creating bean",
                new InvalidInputException("nlds.db.catalog.url: unsupported")))).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(StartupErrors.exitCode(new IllegalArgumentException("a bug inside a revision")))
                .isEqualTo(ExitCode.FAILURE);
        assertThat(StartupErrors.exitCode(new MigrationFailedException("catalog", "failed", null)))
                .isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void onlyTheFailuresThisProjectRaisesAreExpected() {
        assertThat(StartupErrors.isExpected(new BeanCreationException("x", "y", new MigrationException("z")))).isTrue();
        assertThat(StartupErrors.isExpected(new InvalidInputException("bad input"))).isTrue();
        assertThat(StartupErrors.isExpected(new IllegalArgumentException("a defect"))).isFalse();
        assertThat(StartupErrors.isExpected(new NullPointerException("a defect keeps its stack trace"))).isFalse();
    }
}
