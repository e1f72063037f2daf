package uk.ac.ceda.nlds.db.migration;

import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * Builds the entity factories of revisions about to run on a thread of their own, so that
 * Hibernate's first start in the process (1.7 to 2.2 s of class loading and linking, whatever the
 * factory maps) overlaps the schema work of the revisions before the first data step, and the
 * other database's plan, instead of following them. The revision waits for its factory when it
 * gets there first. A build that fails here is left for the revision to meet and report.
 */
public final class EntityFactoriesAhead {

    private static final Logger log = LoggerFactory.getLogger(EntityFactoriesAhead.class);

    /** One database's revisions from {@code from + 1} on. */
    public record Pending(RevisionCatalogue revisions, int from) {
    }

    private EntityFactoriesAhead() {
    }

    /** Starts building, in order, the factories of every pending revision that has entity copies. */
    public static void start(List<Pending> pending) {
        start(pending, (backend, revision) -> RevisionEntities.buildShared(backend, revision.getClass()));
    }

    /** The same with {@code build} standing for the factory's build; the thread, or null with nothing pending. */
    static Thread start(List<Pending> pending, BiConsumer<Backend, Revision> build) {
        if (pending.isEmpty()) {
            return null;
        }
        return Thread.ofPlatform().daemon().name("entity-factories-ahead").start(() -> {
            for (Pending database : pending) {
                RevisionCatalogue revisions = database.revisions();
                for (int version = database.from() + 1; version <= revisions.headVersion(); version++) {
                    try {
                        build.accept(revisions.runtime().backend(), revisions.at(version));
                    } catch (RuntimeException e) {
                        log.debug("{}: building V{}'s entity factory ahead failed, the revision builds it: {}",
                                revisions.runtime().database(), version, e.getMessage());
                    }
                }
            }
        });
    }
}
