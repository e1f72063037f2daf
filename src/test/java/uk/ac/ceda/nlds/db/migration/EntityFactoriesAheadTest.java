package uk.ac.ceda.nlds.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;

/** Which factories are built ahead, in which order, and that one failing does not stop the rest. */
class EntityFactoriesAheadTest {

    @Test
    void buildsEveryPendingRevisionOfEachDatabaseInOrderPastOneThatFails() throws InterruptedException {
        RevisionCatalogue catalog = RevisionChain.of(NldsDatabase.CATALOG);
        RevisionCatalogue monitor = RevisionChain.of(NldsDatabase.MONITOR);
        List<String> asked = Collections.synchronizedList(new ArrayList<>());

        Thread ahead = EntityFactoriesAhead.start(List.of(new EntityFactoriesAhead.Pending(catalog, 0),
                new EntityFactoriesAhead.Pending(monitor, 6)), (backend, revision) -> {
                    asked.add(revision.label() + " " + backend);
                    if (revision == catalog.at(3)) {
                        throw new IllegalStateException("no factory");
                    }
                });
        ahead.join();

        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, catalog.headVersion()).forEach(v -> expected.add(catalog.at(v).label() + " "
                + Backend.SQLITE));
        IntStream.rangeClosed(7, monitor.headVersion()).forEach(v -> expected.add(monitor.at(v).label() + " "
                + Backend.SQLITE));
        assertThat(asked).containsExactlyElementsOf(expected);
        assertThat(ahead.isDaemon()).as("never keeps a finished process alive").isTrue();
    }

    @Test
    void nothingPendingStartsNoThread() {
        assertThat(EntityFactoriesAhead.start(List.of(), (backend, revision) -> {
        })).isNull();
    }
}
