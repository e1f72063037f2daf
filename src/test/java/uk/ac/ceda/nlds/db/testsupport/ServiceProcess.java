package uk.ac.ceda.nlds.db.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged service running as a real process on free ports (the API's and the management
 * port's), with the test-only revisions on its class path (so they can be named in
 * {@code nlds.migration.extra-packages.*}).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private ServiceProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(JarProcess.launcherWithTestClasses());
        command.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workingDirectory, "service", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), log, port, managementPort);
    }

    /**
     * GET on the port that serves {@code path}: the management port for {@code /actuator/…} and
     * the status page {@code /migrations}, the API port otherwise. Status 0 while it does not answer yet.
     */
    public Response get(String path) {
        return get(servedOnManagementPort(path) ? managementPort : port, path);
    }

    /** GET on the API port whatever the path, to see what the API port refuses to serve. */
    public Response getOnApiPort(String path) {
        return get(port, path);
    }

    /** {@code http://127.0.0.1:<management port>}, for a browser. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private static boolean servedOnManagementPort(String path) {
        return path.startsWith("/actuator") || path.startsWith("/migrations");
    }

    private static Response get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "");
        }
    }

    /** Polls {@code path} until the response satisfies {@code condition}, failing with the log after {@code timeout}. */
    public Response await(String path, Predicate<Response> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " never satisfied the condition; last " + last + "\n" + log());
    }

    /** Waits until the process's output contains {@code text}, failing with the log if it ends or {@code timeout} passes first. */
    public String awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String log = log();
            if (log.contains(text)) {
                return log;
            }
            if (!process.isAlive() && !log().contains(text)) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the output never contained '" + text + "'\n" + log());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not exit within " + timeout + "\n" + log());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public record Response(int status, String body) {
    }
}
