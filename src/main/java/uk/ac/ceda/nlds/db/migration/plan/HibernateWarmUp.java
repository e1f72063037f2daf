package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import uk.ac.ceda.nlds.db.migration.RevisionEntities;
import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * Hibernate's first start in a JVM costs seconds (class loading, its own set-up; much less from
 * the image's AOT cache) that a revision's data step pays only when nothing started Hibernate
 * before it: the service builds its persistence units while it starts, but --migrate-only takes the
 * entity models from the build and may not start Hibernate at all. So the rehearsal times revisions
 * on a warm Hibernate: this starts it once, over an entity of its own, and parses (never runs) a
 * query of each kind data steps use.
 */
final class HibernateWarmUp {

    private HibernateWarmUp() {
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
