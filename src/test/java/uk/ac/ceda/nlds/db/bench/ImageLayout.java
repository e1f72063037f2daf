package uk.ac.ceda.nlds.db.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.FileSystemUtils;

import uk.ac.ceda.nlds.db.testsupport.JavaRun;
import uk.ac.ceda.nlds.db.testsupport.TestImage;

/**
 * The jar laid out as the container image runs it (see the Dockerfile): unpacked with Spring
 * Boot's {@code -Djarmode=tools extract}, and started with what a training run recorded. {@link
 * Cache#AOT} is the image's: Java 25's AOT cache, trained on {@code --migrate-only} of two scratch
 * SQLite files from empty to head, so a data step is in it. {@link Cache#CDS} is the image before
 * it, kept to measure against: a class-data-sharing archive recorded by a start that stops once the
 * context is refreshed ({@code spring.context.exit=onRefresh}, before the coordinator runs). The
 * training runs on the defaults in a folder of its own and on free ports, so nothing else on this
 * machine is in its way.
 */
final class ImageLayout {

    private static final Duration TRAINING_TIME = Duration.ofMinutes(5);
    /** What the image's entrypoint adds for a one-shot. */
    static final String ONE_SHOT_COMPILER = "-XX:TieredStopAtLevel=1";

    /** What the training run records, and how a start uses it. */
    enum Cache {
        /** Java 25's AOT cache (JEP 483/514/515), as the Dockerfile makes it. */
        AOT("unpacked jar + AOT cache", "nlds-db.aot"),
        /** A class-data-sharing archive, as the image had before the AOT cache. */
        CDS("unpacked jar + CDS", "nlds-db.jsa");

        final String words;
        final String file;

        Cache(String words, String file) {
            this.words = words;
            this.file = file;
        }

        private List<String> training(Path archive) {
            return this == AOT ? List.of("-XX:AOTCacheOutput=" + archive)
                    : List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh");
        }

        private List<String> trainingArguments(Path folder) {
            return this == AOT ? List.of("--migrate-only",
                    "--nlds.db.catalog.url=jdbc:sqlite:" + folder.resolve("catalog.db").toAbsolutePath(),
                    "--nlds.db.monitor.url=jdbc:sqlite:" + folder.resolve("monitor.db").toAbsolutePath()) : List.of();
        }

        private String start(Path archive) {
            return (this == AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
        }
    }

    private final Path applicationJar;
    private final Path archive;
    private final Cache cache;
    /** JVM options the archive was recorded with, that every start repeats (none for a layout of its own). */
    private final List<String> options;

    private ImageLayout(Path applicationJar, Path archive, Cache cache, List<String> options) {
        this.applicationJar = applicationJar;
        this.archive = archive;
        this.cache = cache;
        this.options = options;
    }

    /**
     * The tests' own image ({@link TestImage}): the same extraction and the same training run (two
     * SQLite files from empty to head) as {@link #prepare} with {@link Cache#AOT}, recorded with the
     * tests' options (C1 only, the serial collector, native access on the command line). For the
     * smoke check, which reads no times: it saves training the jar a second time; the benchmark itself
     * prepares its own. Its starts run on the benchmark's JVM defaults, as a prepared layout's do,
     * with the native access the cache was recorded with, and {@code -XX:AOTMode=on}: a start that
     * cannot use the cache fails instead of running without it.
     */
    static ImageLayout testImage() {
        TestImage image = TestImage.get();
        return new ImageLayout(image.applicationJar(), image.cache(), Cache.AOT,
                List.of("-XX:AOTMode=on", "--enable-native-access=ALL-UNNAMED"));
    }

    Cache cache() {
        return cache;
    }

    /** Unpacks {@code jar} into {@code folder/image-<cache>} and records the cache there. */
    static ImageLayout prepare(Path jar, Path folder, String maxHeap, Cache cache)
            throws IOException, InterruptedException {
        String name = cache.name().toLowerCase(java.util.Locale.ROOT);
        Path image = folder.resolve("image-" + name);
        Path training = folder.resolve("training-" + name);
        FileSystemUtils.deleteRecursively(image);
        FileSystemUtils.deleteRecursively(training);
        Files.createDirectories(training);
        JavaRun.toCompletion(training, List.of("-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                "--destination", image.toAbsolutePath().toString()), TRAINING_TIME);
        Path applicationJar = image.resolve(jar.getFileName()).toAbsolutePath();
        Path archive = image.resolve(cache.file).toAbsolutePath();
        List<String> java = new ArrayList<>(List.of("-Xmx" + maxHeap));
        java.addAll(cache.training(archive));
        java.addAll(List.of("-Dserver.port=0", "-Dmanagement.server.port=0", "-jar", applicationJar.toString()));
        java.addAll(cache.trainingArguments(training));
        JavaRun.toCompletion(training, java, TRAINING_TIME);
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training run wrote no " + cache.words + " at " + archive);
        }
        return new ImageLayout(applicationJar, archive, cache, List.of());
    }

    /** {@code unpacked jar + AOT cache}: how result rows name this layout. */
    String words() {
        return cache.words;
    }

    /**
     * The java arguments that start the unpacked jar with the archive as a one-shot ({@code args}: the
     * benchmark runs only {@code --migrate-only}): with the AOT cache, C1 only, as the image's
     * entrypoint starts a one-shot ({@code docker/entrypoint.sh}); the CDS layout, the image before,
     * on the JVM's default compilers as it was then.
     */
    List<String> javaArguments(String... args) {
        List<String> java = jvm();
        java.addAll(List.of("-jar", applicationJar.toString()));
        java.addAll(List.of(args));
        return java;
    }

    /**
     * The bare start ({@link BareStart}, from {@code classes}) on this layout: the same JVM options and
     * archive, its class path the unpacked jar's with {@code classes} appended (which an archive allows).
     */
    List<String> bareStartArguments(Path classes) {
        List<String> java = jvm();
        java.addAll(List.of("-cp", applicationJar + File.pathSeparator + classes.toAbsolutePath(),
                BareStart.class.getName()));
        return java;
    }

    private List<String> jvm() {
        List<String> java = new ArrayList<>(options);
        if (cache == Cache.AOT && !options.contains(ONE_SHOT_COMPILER)) {
            java.add(ONE_SHOT_COMPILER);
        }
        java.add(cache.start(archive));
        return java;
    }
}
