package dev.llmservice.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A real, throwaway {@code redis-server} for one test class: on a free port of 127.0.0.1, no persistence, stopped
 * and started again by fault tests. Without {@code redis-server} on the PATH the tests are skipped with a hint,
 * except under CI ({@code CI=true}), where they fail ({@code .ci/run} installs it).
 *
 * <p>Tests that need not stop Redis may use the instance {@code .ci/redis.sh} started instead
 * ({@link #fromEnvironmentOrStart()}, {@code LLM_TEST_REDIS_URL}); they empty its database first.
 *
 * <p>Published in this module's test-jar for the tests of the modules above (the CLI's, the server's).
 */
public final class TestRedis implements AutoCloseable {

    /** Where {@code .ci/redis.sh} puts its instance. */
    public static final String URL_VARIABLE = "LLM_TEST_REDIS_URL";

    private final String password;
    private final int port;
    private final String url;
    private Process process;

    private TestRedis(int port, String password, String url) {
        this.port = port;
        this.password = password;
        this.url = url;
    }

    /** A new server of this test's own (it may be stopped and started). */
    public static TestRedis start() {
        return start(null);
    }

    /** A new server requiring {@code password} ({@code requirepass}). */
    public static TestRedis start(String password) {
        String binary = binary();
        TestRedis redis = new TestRedis(freePort(), password, null);
        redis.binary = binary;
        redis.startAgain();
        return redis;
    }

    /** {@code LLM_TEST_REDIS_URL}'s instance, emptied, or a new one of this test's own. */
    public static TestRedis fromEnvironmentOrStart() {
        String external = System.getenv(URL_VARIABLE);
        if (external == null || external.isBlank()) {
            return start();
        }
        TestRedis redis = new TestRedis(-1, null, external.strip());
        redis.commands(RedisCommands::flushdb);
        return redis;
    }

    private String binary;

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String why = "redis-server is not on the PATH: run 'bash .ci/run' (it installs the Debian package "
                + "redis-server), or install it";
        if ("true".equals(System.getenv("CI"))) {
            fail("Redis tests cannot run under CI: " + why);
        }
        abort(why);
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code redis://[:password@]127.0.0.1:PORT/0}. */
    public String url() {
        if (url != null) {
            return url;
        }
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port + "/0";
    }

    /** Starts the server (again, on the same port), returning once it accepts connections. */
    public void startAgain() {
        if (binary == null) {
            throw new IllegalStateException("not a server of this test's own");
        }
        List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("redis-server accepting connections on port " + port, this::accepting);
    }

    /** Stops the server (SIGKILL: as if the machine were gone), returning once it is. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code command} on a connection of its own (writing by hand, as an operator would with redis-cli). */
    public <T> T commands(java.util.function.Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(RedisURI.create(url()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return command.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits for something real I/O does: returns as soon as it happened, fails after a bound. */
    public static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("waited 20 s for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }
}
