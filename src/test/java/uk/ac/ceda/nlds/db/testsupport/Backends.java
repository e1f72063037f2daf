package uk.ac.ceda.nlds.db.testsupport;

import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/** Fresh empty databases on either backend, for tests parameterized over both. */
public final class Backends {

    /** For {@code @MethodSource(BOTH_BACKENDS)}: one run per backend. */
    public static final String BOTH_BACKENDS = "uk.ac.ceda.nlds.db.testsupport.Backends#both";

    private Backends() {
    }

    public static Stream<Backend> both() {
        return Stream.of(Backend.SQLITE, Backend.POSTGRESQL);
    }

    public static TestDatabase fresh(Backend backend, PostgresDatabases postgres, Path folder) {
        return backend == Backend.SQLITE
                ? TestDatabase.sqlite(folder.resolve(UUID.randomUUID() + ".db"))
                : postgres.create();
    }
}
