package uk.ac.ceda.nlds.db.monitor.api;

import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import uk.ac.ceda.nlds.db.monitor.entity.State;
import uk.ac.ceda.nlds.db.monitor.entity.SubRecord;

/** Read access to sub-records through the service's current entities. */
public interface SubRecordRepository extends Repository<SubRecord, Integer> {

    /** How many sub-records of the transaction are in each state. */
    @Query("select s.state as state, count(s) as count from SubRecord s"
            + " where s.transactionRecord.transactionId = :transactionId group by s.state")
    List<StateCount> countStates(@Param("transactionId") String transactionId);

    @Query("select count(t) from TransactionRecord t where t.transactionId = :transactionId")
    long countRecords(@Param("transactionId") String transactionId);

    /** One row of {@link #countStates}. */
    interface StateCount {
        State getState();

        long getCount();
    }
}
