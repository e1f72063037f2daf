package uk.ac.ceda.nlds.db.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's promises, read from its text: no Docker engine runs here to build it, so this
 * checks what the image is made of and how it starts; the jar it runs is the one every other test
 * starts with {@code java -jar}.
 */
class DockerfileTest {

    private final List<String> lines = read();

    @Test
    void buildsWithTheWrapperInOneStageAndRunsOnAJreInAnother() {
        assertThat(lines).anyMatch(l -> l.matches("FROM eclipse-temurin:25-jdk AS build"))
                .anyMatch(l -> l.contains("./mvnw -B -q -DskipTests package"))
                .anyMatch(l -> l.matches("FROM eclipse-temurin:25-jre"))
                .anyMatch(l -> l.equals("COPY --from=build /src/target/image/nlds-db.jar /app/nlds-db.jar"))
                .anyMatch(l -> l.equals("COPY --from=build /src/target/image/lib/ /app/lib/"));
        assertThat(lines).anyMatch(l -> l.equals("COPY src/ src/"))
                .as("revision sources travel in the jar as their checksums").isNotEmpty();
    }

    @Test
    void runsTheServiceAsANonRootUserWithTheDataFolderAsAVolume() {
        assertThat(lines).contains("USER 10001:10001", "VOLUME /app/data", "WORKDIR /app", "EXPOSE 8080 8081",
                "COPY --chmod=755 docker/entrypoint.sh /app/entrypoint.sh", "ENTRYPOINT [\"/app/entrypoint.sh\"]");
        assertThat(lines).noneMatch(l -> l.startsWith("CMD")).as("--migrate-only is passed as the argument");
        assertThat(lines.indexOf("USER 10001:10001")).isGreaterThan(lines.indexOf("FROM eclipse-temurin:25-jre"));
    }

    /**
     * The same commands as the benchmark's image-layout run ({@code bench.ImageLayout}), which
     * measures them: the AOT cache is trained on a migration of scratch SQLite files, so a data
     * step's path is in it, and those files do not stay in the image.
     */
    @Test
    void startsFromTheUnpackedJarWithAnAotCacheTrainedOnAMigration() {
        String training = "RUN java -XX:AOTCacheOutput=/app/nlds-db.aot -jar /app/nlds-db.jar --migrate-only \\";
        assertThat(lines).contains("RUN java -Djarmode=tools -jar target/nlds-db.jar extract --destination target/image",
                training, "--nlds.db.catalog.url=jdbc:sqlite:/tmp/aot-training/catalog.db \\",
                "--nlds.db.monitor.url=jdbc:sqlite:/tmp/aot-training/monitor.db \\", "&& rm -rf /tmp/aot-training");
        assertThat(lines.indexOf(training)).as("the cache is made by the runtime image's JVM, with its options")
                .isGreaterThan(lines.indexOf("FROM eclipse-temurin:25-jre"))
                .isGreaterThan(lines.indexOf("ENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\""));
        assertThat(lines).noneMatch(l -> l.contains("SharedArchiveFile") || l.contains("ArchiveClassesAtExit"))
                .as("the AOT cache replaces the class-data-sharing archive").isNotEmpty();
    }

    @Test
    void theBuildContextLeavesOutLocalDataAndBuildOutput() throws Exception {
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("target/", "data/", ".git/");
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
