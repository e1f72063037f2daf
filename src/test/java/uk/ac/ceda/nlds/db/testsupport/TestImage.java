package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.FileSystemUtils;

import uk.ac.ceda.nlds.db.NldsDbApplication;

/**
 * The packaged jar laid out as the container image runs it (see the Dockerfile), for the tests'
 * processes: unpacked with Spring Boot's {@code -Djarmode=tools extract} into {@code
 * target/test-image/}, with a Java 25 AOT cache recorded by one training run that migrates two
 * scratch SQLite files from empty to head. A test process then starts in about half the time of
 * {@code java -jar} on the nested jar (BENCHMARKS.md, the test suite), which most process tests
 * pay dozens of times. Built once per package: the stamp holds the jar's size and time, and a file
 * lock keeps two test JVMs from building it at once.
 *
 * <p>Every process also runs with C1 only and the serial collector, which suit short processes;
 * the training run uses the same options, as the cache requires. The class path is given with
 * {@code -cp} (not {@code -jar}) so test-only revisions can be appended to it; the cache accepts an
 * appended class path, and native access, which the manifest grants to {@code java -jar} only, is
 * granted on the command line at training and at every start alike.
 */
public final class TestImage {

    private static final Path FOLDER = Path.of("target/test-image").toAbsolutePath();
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED");
    private static final Duration TRAINING_TIME = Duration.ofMinutes(5);

    private static TestImage built;

    private final Path applicationJar;
    private final Path cache;

    private TestImage(Path applicationJar, Path cache) {
        this.applicationJar = applicationJar;
        this.cache = cache;
    }

    /** The image of the current {@code target/nlds-db.jar}, built on first use. */
    public static synchronized TestImage get() {
        if (built == null) {
            try {
                built = build(JarProcess.jar());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lay out " + FOLDER, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while laying out " + FOLDER, e);
            }
        }
        return built;
    }

    /** The unpacked application jar (its libraries beside it, on its manifest's class path). */
    public Path applicationJar() {
        return applicationJar;
    }

    /** The AOT cache the training run recorded. */
    public Path cache() {
        return cache;
    }

    /** The java command that starts the application with {@code extraClassPath} appended to its class path. */
    List<String> command(List<Path> extraClassPath) {
        List<String> command = new ArrayList<>(List.of(JavaRun.launcher()));
        command.addAll(OPTIONS);
        command.add("-XX:AOTCache=" + cache);
        List<String> classPath = new ArrayList<>(List.of(applicationJar.toString()));
        extraClassPath.forEach(p -> classPath.add(p.toAbsolutePath().toString()));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath),
                NldsDbApplication.class.getName()));
        return command;
    }

    private static TestImage build(Path jar) throws IOException, InterruptedException {
        Files.createDirectories(FOLDER.getParent());
        Path image = FOLDER.resolve("image");
        Path applicationJar = image.resolve(jar.getFileName());
        Path cache = FOLDER.resolve("nlds-db.aot");
        Path stamp = FOLDER.resolve("stamp");
        String expected = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        try (FileChannel lock = FileChannel.open(FOLDER.resolveSibling("test-image.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = lock.lock()) {
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(expected)) {
                return new TestImage(applicationJar, cache);
            }
            FileSystemUtils.deleteRecursively(FOLDER);
            Path training = Files.createDirectories(FOLDER.resolve("training"));
            JavaRun.toCompletion(training, List.of("-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", image.toString()), TRAINING_TIME);
            List<String> train = new ArrayList<>(OPTIONS);
            train.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dserver.port=0", "-Dmanagement.server.port=0",
                    "-cp", applicationJar.toString(), NldsDbApplication.class.getName(), "--migrate-only",
                    "--nlds.db.catalog.url=jdbc:sqlite:" + training.resolve("catalog.db"),
                    "--nlds.db.monitor.url=jdbc:sqlite:" + training.resolve("monitor.db")));
            JavaRun.toCompletion(training, train, TRAINING_TIME);
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
            }
            FileSystemUtils.deleteRecursively(training);
            Files.writeString(stamp, expected);
            return new TestImage(applicationJar, cache);
        }
    }

}
