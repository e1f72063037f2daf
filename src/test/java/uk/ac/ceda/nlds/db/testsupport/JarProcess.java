package uk.ac.ceda.nlds.db.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import uk.ac.ceda.nlds.db.config.NldsDatabase;

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

    /**
     * Runs nlds-db with {@code args…} in {@code workingDirectory} with extra environment variables, from
     * the jar unpacked with an AOT cache ({@link TestImage}), with the test chain's own test-only revisions ({@link RevisionChain}) when it has any.
     */
    public static Result run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        if (!chainArguments().isEmpty()) {
            return runWithTestClasses(workingDirectory, environment, withChain(args));
        }
        return run(workingDirectory, environment, TestImage.get().command(List.of()), args);
    }

    /**
     * Runs {@code java -jar target/nlds-db.jar args…}, the nested jar as it is packaged, for the
     * tests of what only that start shows (its manifest, its loader, the real main's exit code and
     * output); the other process tests run the same jar unpacked with an AOT cache ({@link TestImage}).
     * With test-only revisions in the chain, they are on its loader path ({@code PropertiesLauncher}).
     */
    public static Result runPackagedJar(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        if (!chainArguments().isEmpty()) {
            // the manifest's Enable-Native-Access applies to java -jar only
            return run(workingDirectory, environment, List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-Dloader.path=" + testRevisions().toAbsolutePath(), "-cp", jar().toString(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"), withChain(args));
        }
        return run(workingDirectory, environment, List.of(javaBinary(), "-jar", jar().toString()), args);
    }

    /** The test chain's own test-only revisions ({@link RevisionChain}) as arguments, if it has any. */
    private static List<String> chainArguments() {
        List<String> chain = new ArrayList<>();
        for (NldsDatabase database : NldsDatabase.values()) {
            List<String> extra = RevisionChain.extraPackages(database);
            if (!extra.isEmpty()) {
                chain.add("--nlds.migration.extra-packages." + database.id() + "=" + String.join(",", extra));
            }
        }
        return chain;
    }

    private static String[] withChain(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(chainArguments());
        return all.toArray(String[]::new);
    }

    /**
     * The same with the test-only revisions on the class path, so they can be named
     * in {@code nlds.migration.extra-packages.*}.
     */
    public static Result runWithTestClasses(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(workingDirectory, environment, launcherWithTestClasses(), args);
    }

    /** The java command that starts the jar with the test-only revisions on its class path. */
    public static List<String> launcherWithTestClasses() {
        return TestImage.get().command(List.of(testRevisions()));
    }

    private static Path testRevisions;

    /**
     * Only the test-only revision packages ({@code …/migration/}, classes and the sources their
     * checksums read), copied once per test JVM into a folder of its own: the whole test classes
     * folder would let the service's component scan find the tests' own controllers and
     * configurations (a slice test's stand-in controller made {@code /api/holdings} ambiguous).
     */
    static synchronized Path testRevisions() {
        if (testRevisions != null) {
            return testRevisions;
        }
        Path classes = Path.of("target/test-classes");
        try (var files = Files.walk(classes)) {
            Path target = Files.createTempDirectory(Path.of("target"), "test-revisions");
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().equals("migration")).toList()) {
                Path copy = target.resolve(classes.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            testRevisions = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the test-only revisions out of " + classes, e);
        }
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
     * Starts nlds-db with {@code args…} and kills it with SIGKILL after {@code delay}, as a
     * crash would; returns false when it had already finished by itself.
     */
    public static boolean killAfter(Path workingDirectory, Map<String, String> environment, Duration delay,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(TestImage.get().command(List.of()));
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

    /**
     * Starts nlds-db with {@code args…} and kills it with SIGKILL, as a crash would, as soon
     * as it prints a line that {@code moment} accepts: a kill at a state, not after a time. Returns
     * false when it finished without printing such a line, or printed none within {@link #TIMEOUT}
     * (a run waiting on what an earlier kill left is then killed rather than left to hang the suite).
     */
    public static boolean killWhen(Path workingDirectory, Map<String, String> environment, Predicate<String> moment,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(TestImage.get().command(List.of()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture.delayedExecutor(TIMEOUT.toSeconds(), TimeUnit.SECONDS).execute(process::destroyForcibly);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (moment.test(line)) {
                    process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                    process.waitFor();
                    return true;
                }
            }
        }
        process.waitFor();
        return false;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }

        /**
         * The one {@code nlds-db: …} line a failed run printed, after checking it is the only one
         * and that nothing beside it repeats the failure: no stack trace, no Spring failure report
         * or context warning, no Flyway "Migration … failed!" line.
         */
        public String oneLineFailure() {
            List<String> lines = output().lines().toList();
            List<String> ours = lines.stream().filter(l -> l.startsWith("nlds-db: ")).toList();
            if (exitCode == 0 || ours.size() != 1) {
                throw new AssertionError("expected a non-zero exit and one nlds-db line, got exit " + exitCode
                        + " and " + ours.size() + " lines:\n" + output());
            }
            lines.stream().filter(l -> l.matches("\\s+at \\S+\\(.*\\)") || l.startsWith("Caused by:")
                    || l.contains("APPLICATION FAILED TO START") || l.contains("Application run failed")
                    || l.contains("Exception encountered during context initialization")
                    || l.matches(".*Migration of .* failed!.*")).findFirst().ifPresent(l -> {
                        throw new AssertionError("the failure is repeated beside its one line (" + l + "):\n" + output());
                    });
            return ours.get(0);
        }
    }
}
