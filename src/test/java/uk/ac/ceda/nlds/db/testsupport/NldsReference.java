package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The NLDS reference material the original Alembic chain made (reference schemas and fixture
 * databases), kept in this project's test resources ({@code src/test/resources/nlds}, see its
 * README) and found on the test class path, so no test reads outside the repository.
 */
public final class NldsReference {

    private NldsReference() {
    }

    public static Path root() {
        URL readme = NldsReference.class.getResource("/nlds/README.md");
        if (readme == null || !"file".equals(readme.getProtocol())) {
            throw new IllegalStateException("NLDS reference material not found on the test class path (" + readme
                    + "); run the tests through Maven so src/test/resources is copied to target/test-classes");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code reference/<backend>/NN_<alembic id>.<database>.sql} for revision {@code version}. */
    public static Path referenceSchema(String backend, int version, String database) {
        Path folder = root().resolve("reference").resolve(backend);
        String prefix = String.format("%02d_", version);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith("." + database + ".sql")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + backend + " reference for revision " + version
                            + " of " + database + " in " + folder));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a SQL script (a pg_dump or sqlite3 .schema output) on {@code connection}, in one transaction:
     * a commit per statement made loading a fixture hundreds of synchronous commits. The scripts hold no
     * transaction control of their own, so the result is the same.
     */
    public static void runScript(Connection connection, Path script) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                ScriptUtils.executeSqlScript(connection, new FileSystemResource(script));
                connection.commit();
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        }
    }
}
