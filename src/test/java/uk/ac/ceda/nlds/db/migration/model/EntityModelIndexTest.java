package uk.ac.ceda.nlds.db.migration.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;

/** The build's entity models (written in process-classes) are the ones Hibernate reads from the classes. */
class EntityModelIndexTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theBuildsModelOfEachPackageIsTheOneReadFromItsClasses(Backend backend) {
        for (NldsDatabase database : NldsDatabase.values()) {
            List<Class<?>> entities = EntityModel.entitiesIn(database.entityPackage());
            assertThat(EntityModelIndex.lookup(backend, database.entityPackage(), entities))
                    .as("the index the build wrote for %s", database.entityPackage())
                    .contains(EntityModel.read(backend, entities));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void classesOtherThanTheOnesTheBuildReadAreNotAnsweredFromIt(Backend backend) {
        String pkg = NldsDatabase.CATALOG.entityPackage();
        List<Class<?>> entities = EntityModel.entitiesIn(pkg);
        assertThat(EntityModelIndex.lookup(backend, pkg, entities.subList(1, entities.size()))).isEmpty();
        assertThat(EntityModelIndex.lookup(backend, NldsDatabase.MONITOR.entityPackage(), entities)).isEmpty();
    }
}
