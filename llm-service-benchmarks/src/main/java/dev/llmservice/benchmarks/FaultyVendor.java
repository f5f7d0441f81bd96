package dev.llmservice.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A fake vendor on 127.0.0.1 over raw sockets, so that it can fail in every way a real one does, including the ones an
 * HTTP server library will not produce: a reset connection, headers followed by a body that stalls. Each request is
 * answered according to the {@link Fault} the supplier gives at that moment; {@code Connection: close} every time.
 */
final class FaultyVendor implements AutoCloseable {

    /** Every way the vendor answers, "fails every way in turn" being all but {@link #NONE}. */
    enum Fault {
        NONE, CONNECTION_REFUSED, CONNECTION_RESET, EMPTY_BODY, MALFORMED_JSON, HTML_ERROR_PAGE, STALLED_BODY,
        RATE_LIMITED, RATE_LIMITED_RETRY_AFTER, RATE_LIMITED_RETRY_AFTER_MS, RATE_LIMITED_RETRY_AFTER_DATE,
        SERVER_ERROR_500, UNAVAILABLE_503, OVERLOADED_529, REFUSAL, EMPTY_CONTENT
    }

    private final Wire wire;
    private final Supplier<Fault> fault;
    private final Duration stall;
    private final int port;
    private ServerSocket socket;

    /**
     * @param wire  the vendor's bodies
     * @param fault what to do with each request, asked when it arrives
     * @param stall how long a stalled body holds the connection before the server gives up on it
     */
    FaultyVendor(Wire wire, Supplier<Fault> fault, Duration stall) {
        this.wire = wire;
        this.fault = fault;
        this.stall = stall;
        this.port = listen(0);
    }

    int port() {
        return port;
    }

    /** Stops listening: connections to the port are refused until {@link #listenAgain()}. */
    synchronized void refuseConnections() {
        close();
        socket = null;
    }

    /** Listens on the same port again. */
    synchronized void listenAgain() {
        if (socket == null) {
            listen(port);
        }
    }

    private synchronized int listen(int onPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
            socket = s;
            Thread acceptor = new Thread(() -> accept(s), "faulty-vendor");
            acceptor.setDaemon(true);
            acceptor.start();
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket connection = listening.accept();
                Thread handler = new Thread(() -> answer(connection), "faulty-vendor-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            readRequest(in);
            OutputStream out = connection.getOutputStream();
            switch (fault.get()) {
                case NONE -> respond(out, 200, "application/json", wire.success(), "");
                case CONNECTION_RESET, CONNECTION_REFUSED -> {
                    // Closing with linger 0 sends a reset. (Refused: the port is not listening, see
                    // refuseConnections; a connection that still arrives is reset.)
                    connection.setSoLinger(true, 0);
                }
                case EMPTY_BODY -> respond(out, 200, "application/json", "", "");
                case MALFORMED_JSON -> respond(out, 200, "application/json",
                        wire.success().substring(0, wire.success().length() / 2), "");
                case HTML_ERROR_PAGE -> respond(out, 502, "text/html", "<html><head><title>502 Bad Gateway</title>"
                        + "</head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>"
                        + "</html>", "");
                case STALLED_BODY -> {
                    byte[] body = wire.success().getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, 0, 20);
                    out.flush();
                    Thread.sleep(stall.toMillis());
                }
                case RATE_LIMITED -> respond(out, 429, "application/json", wire.rateLimit(), "");
                case RATE_LIMITED_RETRY_AFTER -> respond(out, 429, "application/json", wire.rateLimit(),
                        "retry-after: 1\r\n");
                case RATE_LIMITED_RETRY_AFTER_MS -> respond(out, 429, "application/json", wire.rateLimit(),
                        "retry-after-ms: 300\r\nretry-after: 1\r\n");
                case RATE_LIMITED_RETRY_AFTER_DATE -> respond(out, 429, "application/json", wire.rateLimit(),
                        "retry-after: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                Instant.now().plusSeconds(30).atZone(ZoneOffset.UTC)) + "\r\n");
                case SERVER_ERROR_500 -> respond(out, 500, "application/json", wire.serverError(), "");
                case UNAVAILABLE_503 -> respond(out, 503, "application/json", wire.serverError(), "");
                case OVERLOADED_529 -> respond(out, 529, "application/json", wire.serverError(), "");
                case REFUSAL -> respond(out, 200, "application/json", wire.refusal(), "");
                case EMPTY_CONTENT -> respond(out, 200, "application/json", wire.emptyContent(), "");
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            // the client went away (it gave up on a stalled body, or it timed out)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(OutputStream out, int status, String type, String body, String headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** Reads the request line, the headers and a Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int contentLength = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (text.isEmpty()) {
                    break;
                }
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lower.substring("content-length:".length()).strip());
                }
            } else {
                line.write(b);
            }
        }
        in.readNBytes(contentLength);
    }

    @Override
    public synchronized void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One vendor's bodies, in its own wire format. */
    record Wire(String success, String rateLimit, String serverError, String refusal, String emptyContent) {
    }
}
