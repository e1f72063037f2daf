package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;

class RevisionTargetTest {

    private static final RevisionCatalogue CATALOG = RevisionCatalogue.load(new RevisionRuntime("catalog",
            Backend.SQLITE, p -> null, ProgressListener.NONE), java.util.List.of(NldsDatabase.CATALOG.migrationPackage()));

    @ParameterizedTest
    @CsvSource({"head, 4, 9", "HEAD, 0, 9", "base, 4, 0", "5, 2, 5", "V5, 2, 5", "0, 3, 0", "f1f20ae58def, 2, 6",
        "+2, 4, 6", "-1, 4, 3", "-4, 4, 0", "+0, 7, 7"})
    void resolvesEveryFormAgainstTheCurrentRevision(String text, int current, int expected) {
        assertThat(RevisionTarget.parse(text).resolve("catalog", current, CATALOG)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "+", "-x1", "1.5", "f1f20ae58de", "F1F20AE58DEF0", "heads", "--json"})
    void malformedTargetsAreRefusedWithTheFormsThatWork(String text) {
        assertThatThrownBy(() -> RevisionTarget.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a revision: give a version number (5), an Alembic id (f1f20ae58def),"
                        + " head, base, +N or -N");
    }

    @Test
    void targetsOutsideTheChainNameWhereTheDatabaseIs() {
        assertThatThrownBy(() -> RevisionTarget.parse("12").resolve("catalog", 4, CATALOG))
                .hasMessage("catalog: V12 does not exist, this build knows V0 (base) to V9 (head)");
        assertThatThrownBy(() -> RevisionTarget.parse("+3").resolve("catalog", 8, CATALOG))
                .hasMessage("catalog is at V8 (87bbd9e274a1), so +3 leads to V11, but this build knows V0 (base) to V9 (head)");
        assertThatThrownBy(() -> RevisionTarget.parse("-3").resolve("catalog", 2, CATALOG))
                .hasMessage("catalog is at V2 (bf09ce0d6899), so -3 leads to V-1, but this build knows V0 (base) to V9 (head)");
        assertThatThrownBy(() -> RevisionTarget.parse("deadbeef0000").resolve("catalog", 2, CATALOG))
                .hasMessage("catalog: Alembic id deadbeef0000 is not a revision this build knows; see the history command");
    }
}
