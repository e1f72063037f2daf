package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;

class RevisionTargetTest {

    private static final RevisionCatalogue CATALOG = RevisionChain.of(NldsDatabase.CATALOG);
    private static final int HEAD = CATALOG.headVersion();

    @ParameterizedTest
    @ValueSource(strings = {"head", "HEAD"})
    void headIsTheLastRevisionOfTheChain(String text) {
        assertThat(RevisionTarget.parse(text).resolve("catalog", 4, CATALOG)).isEqualTo(HEAD);
        assertThat(RevisionTarget.parse(text).resolve("catalog", 0, CATALOG)).isEqualTo(HEAD);
    }

    @ParameterizedTest
    @CsvSource({"base, 4, 0", "5, 2, 5", "V5, 2, 5", "0, 3, 0", "f1f20ae58def, 2, 6",
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
        String known = "this build knows V0 (base) to V" + HEAD + " (head)";
        assertThatThrownBy(() -> RevisionTarget.parse(String.valueOf(HEAD + 3)).resolve("catalog", 4, CATALOG))
                .hasMessage("catalog: V" + (HEAD + 3) + " does not exist, " + known);
        assertThatThrownBy(() -> RevisionTarget.parse("+3").resolve("catalog", HEAD - 1, CATALOG))
                .hasMessage("catalog is at " + RevisionChain.label(HEAD - 1) + ", so +3 leads to V" + (HEAD + 2) + ", but "
                        + known);
        assertThatThrownBy(() -> RevisionTarget.parse("-3").resolve("catalog", 2, CATALOG))
                .hasMessage("catalog is at V2 (bf09ce0d6899), so -3 leads to V-1, but " + known);
        assertThatThrownBy(() -> RevisionTarget.parse("deadbeef0000").resolve("catalog", 2, CATALOG))
                .hasMessage("catalog: Alembic id deadbeef0000 is not a revision this build knows; see the history command");
    }
}
