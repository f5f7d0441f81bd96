package dev.llmservice.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} (the Debian package's, found on {@code PATH} or {@code REDIS_SERVER}) on a free port
 * of 127.0.0.1, keeping nothing on disk; stopped on close and when the benchmark is interrupted.
 */
final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-redis"));
        RedisServer redis = new RedisServer(process, port);
        long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < limit) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see "
                        + dir.resolve("redis.log"));
            }
            try {
                if (redis.command("PING").startsWith("+PONG")) {
                    return redis;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        redis.close();
        throw new IllegalStateException("redis-server did not answer PING within 20 s");
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Empties every database: the next phase starts with no overrides, circuits, buckets or cached results. */
    void flushAll() throws IOException {
        command("FLUSHALL");
    }

    /** One inline command; the first line of the reply. */
    private String command(String inline) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
