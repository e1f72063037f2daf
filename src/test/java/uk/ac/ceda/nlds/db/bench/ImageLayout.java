package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * The jar laid out as the container image runs it (see the Dockerfile): unpacked with Spring
 * Boot's {@code -Djarmode=tools extract}, and started with a class-data-sharing archive recorded
 * by a training start that stops once the context is refreshed ({@code spring.context.exit=onRefresh},
 * before the coordinator runs, so no database is touched). The same two commands as the image,
 * with the training start on free ports so that nothing else on this machine is in its way.
 */
final class ImageLayout {

    private static final long TIMEOUT_MINUTES = 5;

    private final Path applicationJar;
    private final Path archive;

    private ImageLayout(Path applicationJar, Path archive) {
        this.applicationJar = applicationJar;
        this.archive = archive;
    }

    /** Unpacks {@code jar} into {@code folder/image} and records the archive there. */
    static ImageLayout prepare(Path jar, Path folder, String maxHeap) throws IOException, InterruptedException {
        Path image = folder.resolve("image");
        Path training = folder.resolve("training");
        FileSystemUtils.deleteRecursively(image);
        FileSystemUtils.deleteRecursively(training);
        Files.createDirectories(training);
        run(training, List.of("-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                image.toAbsolutePath().toString()));
        Path applicationJar = image.resolve(jar.getFileName()).toAbsolutePath();
        Path archive = image.resolve("nlds-db.jsa").toAbsolutePath();
        run(training, List.of("-Xmx" + maxHeap, "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh", "-Dserver.port=0", "-Dmanagement.server.port=0", "-jar", applicationJar.toString()));
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training start wrote no class-data-sharing archive at " + archive);
        }
        return new ImageLayout(applicationJar, archive);
    }

    /** The java arguments that start the unpacked jar with the archive, followed by {@code args}. */
    List<String> javaArguments(String... args) {
        List<String> java = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-jar",
                applicationJar.toString()));
        java.addAll(List.of(args));
        return java;
    }

    private static void run(Path workingDirectory, List<String> javaArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArguments);
        Path output = workingDirectory.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // the training start must not find the benchmark's databases: it runs on the defaults in its folder
        builder.environment().keySet().removeIf(name -> name.startsWith("NLDS_"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(output));
        }
    }
}
