package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The read-only NLDS reference material in {@code ../shared/nlds} (or the folder named by the
 * system property {@code nlds.shared}): reference schemas and fixture databases.
 */
public final class SharedNlds {

    private SharedNlds() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("nlds.shared", "../shared/nlds")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("NLDS reference material not found at " + root
                    + "; check out shared/ beside this repository or set -Dnlds.shared=PATH");
        }
        return root;
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

    /** Runs a SQL script (a pg_dump or sqlite3 .schema output) on {@code connection}. */
    public static void runScript(Connection connection, Path script) {
        ScriptUtils.executeSqlScript(connection, new FileSystemResource(script));
    }
}
