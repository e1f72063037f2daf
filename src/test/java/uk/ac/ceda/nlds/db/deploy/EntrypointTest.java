package uk.ac.ceda.nlds.db.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the image's entrypoint starts the JVM, run by {@code sh} with a {@code java} on the path
 * that prints the arguments it was given: a one-shot with C1 only, the service with the defaults,
 * both from the unpacked jar with the AOT cache and every argument passed on unchanged.
 */
class EntrypointTest {

    private static final String CACHE_AND_JAR = "-XX:AOTCache=/app/nlds-db.aot -jar /app/nlds-db.jar";

    @TempDir
    Path bin;

    @BeforeEach
    void fakeJava() throws IOException {
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theServiceKeepsTheDefaultCompilers() throws Exception {
        assertThat(start()).isEqualTo(CACHE_AND_JAR);
        assertThat(start("--server.port=9090")).isEqualTo(CACHE_AND_JAR + " --server.port=9090");
    }

    @Test
    void aOneShotRunsWithC1Only() throws Exception {
        assertThat(start("--migrate-only")).isEqualTo("-XX:TieredStopAtLevel=1 " + CACHE_AND_JAR + " --migrate-only");
        assertThat(start("--nlds.db.catalog.url=jdbc:sqlite:c.db", "--migrate-only"))
                .isEqualTo("-XX:TieredStopAtLevel=1 " + CACHE_AND_JAR + " --nlds.db.catalog.url=jdbc:sqlite:c.db --migrate-only");
        assertThat(start("plan", "--max-duration=30m"))
                .isEqualTo("-XX:TieredStopAtLevel=1 " + CACHE_AND_JAR + " plan --max-duration=30m");
    }

    private String start(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", Path.of("docker/entrypoint.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
