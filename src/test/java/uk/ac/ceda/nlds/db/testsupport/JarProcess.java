package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a real process and collects what it printed. */
public final class JarProcess {

    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    private JarProcess() {
    }

    public static Path jar() {
        Path jar = Path.of("target/nlds-db.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify (integration tests run after package)");
        }
        return jar;
    }

    /** Runs {@code java -jar nlds-db.jar args…} in {@code workingDirectory} with extra environment variables. */
    public static Result run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(workingDirectory, environment, List.of(javaBinary(), "-jar", jar().toString()), args);
    }

    /**
     * The same with the test classes on the jar's loader path, so test-only revisions can be named
     * in {@code nlds.migration.extra-packages.*}.
     */
    public static Result runWithTestClasses(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        // the manifest's Enable-Native-Access counts only for java -jar
        return run(workingDirectory, environment, List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-Dloader.path=" + Path.of("target/test-classes").toAbsolutePath(), "-cp", jar().toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher"), args);
    }

    private static Result run(Path workingDirectory, Map<String, String> environment, List<String> launcher,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile(workingDirectory, "stdout", ".log");
        Path stderr = Files.createTempFile(workingDirectory, "stderr", ".log");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("nlds-db " + String.join(" ", args) + " did not finish within " + TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code java -jar nlds-db.jar args…} and kills it with SIGKILL after {@code delay}, as a
     * crash would; returns false when it had already finished by itself.
     */
    public static boolean killAfter(Path workingDirectory, Map<String, String> environment, Duration delay,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (process.waitFor(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        process.waitFor();
        return true;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }
}
