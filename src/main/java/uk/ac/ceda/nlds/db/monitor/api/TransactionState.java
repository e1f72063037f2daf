package uk.ac.ceda.nlds.db.monitor.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import uk.ac.ceda.nlds.db.monitor.entity.State;

/**
 * The overall state of a transaction, from the states of its sub-records: while any sub-record is
 * still working, the earliest of their states in the workflow order; once all have finished,
 * COMPLETE when every one completed, FAILED when every one failed, COMPLETE_WITH_ERRORS when some
 * failed, COMPLETE_WITH_WARNINGS when some finished with warnings. A SPLIT sub-record handed its
 * work to others and counts only when nothing else exists.
 */
public final class TransactionState {

    private static final Set<State> FINISHED = EnumSet.of(State.COMPLETE, State.FAILED, State.COMPLETE_WITH_ERRORS,
            State.COMPLETE_WITH_WARNINGS, State.SPLIT);

    private TransactionState() {
    }

    /** {@code counts}: sub-records per state; at least one. */
    public static State of(Map<State, Long> counts) {
        State earliestWorking = counts.keySet().stream().filter(s -> !FINISHED.contains(s)).min(Enum::compareTo)
                .orElse(null);
        if (earliestWorking != null) {
            return earliestWorking;
        }
        Set<State> finished = EnumSet.copyOf(counts.keySet());
        if (finished.size() > 1) {
            finished.remove(State.SPLIT);
        }
        if (finished.size() == 1) {
            return finished.iterator().next();
        }
        if (finished.contains(State.FAILED) || finished.contains(State.COMPLETE_WITH_ERRORS)) {
            return State.COMPLETE_WITH_ERRORS;
        }
        return State.COMPLETE_WITH_WARNINGS;
    }
}
