package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the service jar as a real process and measures it: wall-clock seconds, peak heap from
 * the JVM's own GC log (the largest heap occupancy any collection saw, before and after), and
 * peak resident set size from GNU time ({@code /usr/bin/time -f %M}, the kernel's maximum RSS).
 */
final class MeasuredProcess {

    /** {@code 24M->3M(256M)} in a {@code -Xlog:gc} pause line, whichever collector. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    record Measured(double seconds, double peakHeapMiB, double liveHeapMiB, double rssMiB, String output) {
    }

    private final Path workDir;
    private final String maxHeap;

    MeasuredProcess(Path workDir, String maxHeap) {
        this.workDir = workDir;
        this.maxHeap = maxHeap;
    }

    /** {@code java -jar JAR ARGS} with the given environment. */
    Measured runJar(Path jar, List<String> args, Map<String, String> environment, String name)
            throws IOException, InterruptedException {
        List<String> java = new ArrayList<>(List.of("-jar", jar.toString()));
        java.addAll(args);
        return run(java, environment, name);
    }

    /** {@code java -cp CLASSPATH MAIN ARGS} (with system properties before the class). */
    Measured run(List<String> javaArguments, Map<String, String> environment, String name)
            throws IOException, InterruptedException {
        Path gcLog = workDir.resolve(name + ".gc.log");
        Path rss = workDir.resolve(name + ".rss");
        Path output = workDir.resolve(name + ".out");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-Xlog:gc:file=" + gcLog + "::filecount=0"));
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException(name + " exited with " + exit + ":\n" + tail(text));
        }
        double[] heap = heapMiB(Files.readAllLines(gcLog));
        double rssMiB = Double.parseDouble(Files.readAllLines(rss).get(0).trim()) / 1024;
        return new Measured(seconds, heap[0], heap[1], rssMiB, text);
    }

    /** The largest heap occupancy at any pause and the largest after a young or full collection, in MiB. */
    static double[] heapMiB(List<String> gcLog) {
        double before = 0;
        double after = 0;
        for (String line : gcLog) {
            Matcher m = PAUSE.matcher(line);
            if (line.contains("Pause") && m.find()) {
                before = Math.max(before, mib(m.group(1), m.group(2)));
                // G1's Remark and Cleanup pauses collect nothing: their "after" is not a live set
                if (line.contains("Pause Young") || line.contains("Pause Full")) {
                    after = Math.max(after, mib(m.group(3), m.group(4)));
                }
            }
        }
        return new double[] {before, after};
    }

    private static double mib(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
