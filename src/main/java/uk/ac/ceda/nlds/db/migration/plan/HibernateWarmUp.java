package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.RevisionEntities;
import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * Hibernate's first start in a JVM costs seconds (class loading, its own set-up; much less from
 * the image's AOT cache) that a revision's data step pays only when nothing started Hibernate
 * before it: the service builds its persistence units while it starts, but --migrate-only takes the
 * entity models from the build and may not start Hibernate at all. So the rehearsal times revisions
 * on a warm Hibernate: this starts it once, over an entity of its own, and parses (never runs) a
 * query of each kind data steps use.
 *
 * <p>A job that is there to migrate may build the same factory {@linkplain #warmAhead ahead}, beside
 * Spring's start, and the rehearsal then finds it built.
 */
public final class HibernateWarmUp {

    private static final Logger log = LoggerFactory.getLogger(HibernateWarmUp.class);

    private HibernateWarmUp() {
    }

    /**
     * Builds the same factory now, with no connection, for a caller that starts Hibernate before the
     * plan asks for it (see {@code startup.HibernateAhead}); the rehearsal then finds it built, or
     * waits for it. Best effort: a failure is left for the rehearsal to meet.
     */
    public static void warmAhead(Backend backend) {
        try {
            RevisionEntities.buildShared(backend, HibernateWarmUp.class);
        } catch (RuntimeException e) {
            log.debug("starting Hibernate ahead for {} failed, the plan starts it: {}", backend, e.getMessage());
        }
    }

    /** Builds a factory and parses a query of each kind data steps run; nothing is executed. */
    static void warm(Backend backend, Connection connection) throws Exception {
        try (RevisionEntities entities = RevisionEntities.open(backend, List.of(Nothing.class))) {
            entities.run(connection, session -> {
                session.createSelectionQuery("select n.id, count(n) from PlanWarmUp n where n.id between :low and"
                        + " :high group by n.id", Object[].class);
                return session.createMutationQuery("update PlanWarmUp n set n.id = case when n.id = 1 then 1"
                        + " else n.id end where n.id between :low and :high");
            });
        }
    }

    /** Maps no table that is ever read: Hibernate needs one entity to build a factory. */
    @Entity(name = "PlanWarmUp")
    static class Nothing {
        @Id
        Integer id;
    }
}
