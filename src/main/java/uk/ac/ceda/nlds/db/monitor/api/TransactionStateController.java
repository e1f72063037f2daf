package uk.ac.ceda.nlds.db.monitor.api;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import uk.ac.ceda.nlds.db.monitor.entity.State;

/** {@code GET /api/transactions/{transactionId}/state}: a transaction's overall state from its sub-records. */
@RestController
public class TransactionStateController {

    /** The answer: the overall state and how many sub-records are in each state. */
    public record TransactionStateView(String transactionId, State state, Map<State, Long> subRecords) {
    }

    private final SubRecordRepository subRecords;

    public TransactionStateController(SubRecordRepository subRecords) {
        this.subRecords = subRecords;
    }

    @GetMapping("/api/transactions/{transactionId}/state")
    public TransactionStateView state(@PathVariable String transactionId) {
        Map<State, Long> counts = new EnumMap<>(State.class);
        subRecords.countStates(transactionId).forEach(c -> counts.put(c.getState(), c.getCount()));
        if (counts.isEmpty()) {
            String reason = subRecords.countRecords(transactionId) == 0 ? "no transaction " + transactionId
                    : "transaction " + transactionId + " has no sub-records yet";
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
        }
        return new TransactionStateView(transactionId, TransactionState.of(counts), counts);
    }
}
