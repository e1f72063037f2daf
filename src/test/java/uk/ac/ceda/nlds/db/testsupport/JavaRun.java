package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A java command of this JVM's installation run to completion in a folder of its own: the jar's
 * extraction and the training runs of the image layouts ({@code TestImage}, the benchmark's
 * {@code ImageLayout}). The run sees none of the {@code NLDS_} environment of the test or benchmark
 * that starts it, so it never finds their databases; a failure or a run past its limit throws with
 * what it printed.
 */
public final class JavaRun {

    private JavaRun() {
    }

    /** The {@code java} launcher of the running JVM. */
    public static String launcher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code java javaArguments…} in {@code workingDirectory}; its output goes to {@code output.log} there. */
    public static void toCompletion(Path workingDirectory, List<String> javaArguments, Duration limit)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher()));
        command.addAll(javaArguments);
        Path output = workingDirectory.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("NLDS_"));
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(output));
        }
    }
}
