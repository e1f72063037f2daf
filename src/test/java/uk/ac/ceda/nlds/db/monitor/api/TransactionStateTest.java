package uk.ac.ceda.nlds.db.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.monitor.entity.State.CATALOG_PUTTING;
import static uk.ac.ceda.nlds.db.monitor.entity.State.COMPLETE;
import static uk.ac.ceda.nlds.db.monitor.entity.State.COMPLETE_WITH_ERRORS;
import static uk.ac.ceda.nlds.db.monitor.entity.State.COMPLETE_WITH_WARNINGS;
import static uk.ac.ceda.nlds.db.monitor.entity.State.FAILED;
import static uk.ac.ceda.nlds.db.monitor.entity.State.ROUTING;
import static uk.ac.ceda.nlds.db.monitor.entity.State.SPLIT;
import static uk.ac.ceda.nlds.db.monitor.entity.State.TRANSFER_PUTTING;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.monitor.entity.State;

class TransactionStateTest {

    @Test
    void whileAnySubRecordWorksTheEarliestWorkingStateCounts() {
        assertThat(TransactionState.of(counts(TRANSFER_PUTTING, 3, CATALOG_PUTTING, 1, COMPLETE, 5))).isEqualTo(CATALOG_PUTTING);
        assertThat(TransactionState.of(counts(FAILED, 1, ROUTING, 1))).isEqualTo(ROUTING);
    }

    @Test
    void onceAllHaveFinishedTheOutcomeSummarisesThem() {
        assertThat(TransactionState.of(counts(COMPLETE, 4))).isEqualTo(COMPLETE);
        assertThat(TransactionState.of(counts(FAILED, 2))).isEqualTo(FAILED);
        assertThat(TransactionState.of(counts(COMPLETE, 2, FAILED, 1))).isEqualTo(COMPLETE_WITH_ERRORS);
        assertThat(TransactionState.of(counts(COMPLETE, 2, COMPLETE_WITH_WARNINGS, 1))).isEqualTo(COMPLETE_WITH_WARNINGS);
        assertThat(TransactionState.of(counts(SPLIT, 1, COMPLETE, 2))).isEqualTo(COMPLETE);
        assertThat(TransactionState.of(counts(SPLIT, 1))).isEqualTo(SPLIT);
    }

    private static Map<State, Long> counts(Object... stateAndCount) {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (int i = 0; i < stateAndCount.length; i += 2) {
            counts.put((State) stateAndCount[i], ((Integer) stateAndCount[i + 1]).longValue());
        }
        return counts;
    }
}
