package dev.llmservice.server;

import dev.llmservice.spring.autoconfigure.LlmServiceProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their headers and part of a body, then wait, hold a connection each but no worker thread:
 * the server reads bodies as they arrive ({@code BodyBufferingFilter}) and hands a request on only when its body is
 * complete. With Tomcat's threads cut to {@value #THREADS}, three times as many such clients used to leave health and
 * consensus waiting until the clients gave up; figures for 1,000 of them: {@code bench/slow-clients.sh}.
 */
class SlowBodiesTest {

    static final int THREADS = 4;
    /** The declared length of the bodies that never come. */
    static final int DECLARED = 100_000;

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"llm.state.file=target/slow-bodies-state.json", "llm.state.poll-interval=0",
                    "server.tomcat.threads.max=" + THREADS, "server.tomcat.threads.min-spare=1",
                    "llm.web.body-timeout=60s"})
    @Import(LlmServiceApplicationTest.OneProvider.class)
    @Nested
    class WithAPatientServer {

        @LocalServerPort
        int port;

        @Test
        void slowBodiesTakeNoWorkerThreadFromHealthOrConsensus() throws Exception {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 3 * THREADS; i++) {
                    slow.add(startSlowBody(port));
                }
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri(port, "/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.body()).contains("\"llmProviders\"");
                HttpResponse<String> consensus = client.send(HttpRequest.newBuilder(uri(port, "/api/v1/consensus"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(LlmServiceApplicationTest.marketData(60))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(consensus.statusCode()).isEqualTo(200);
                assertThat(consensus.body()).contains("\"status\":\"no_quorum\"");

                for (Socket socket : slow) {
                    socket.setSoTimeout(1);
                    assertThat(readsNothingYet(socket)).as("still waiting for its body, unanswered").isTrue();
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }

        @Test
        void aBodyDeclaredLargerThanTheServerReadsIsA413ProblemAtOnce() throws Exception {
            String answer = exchange(port, ("POST /api/v1/consensus HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (LlmServiceProperties.DEFAULT_MAX_REQUEST_BYTES + 1)
                    + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));

            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("\"detail\":\"the request body is 4194305 bytes (Content-Length), more than the 4194304 bytes "
                            + "this server reads\"");
        }

        @Test
        void aChunkedBodyLargerThanTheServerReadsIsA413Problem() throws Exception {
            byte[] limit = new byte[(int) LlmServiceProperties.DEFAULT_MAX_REQUEST_BYTES];
            Arrays.fill(limit, (byte) ' ');
            String answer = exchange(port, ("POST /api/v1/consensus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII), chunk(limit, 0, limit.length),
                    chunk(limit, 0, 10));  // no last chunk: the server stops reading before it, and closes

            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("longer than the 4194304 bytes this server reads; it was not read further");
        }

        @Test
        void aBodyWhoseFirstPartCameWithItsHeadersIsReadOnWhenTheRestArrives() throws Exception {
            byte[] body = LlmServiceApplicationTest.marketData(60).getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /api/v1/consensus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.write(body, 0, body.length / 2);  // with the headers: the part the server takes at once
                out.flush();
                socket.setSoTimeout(200);
                assertThat(readsNothingYet(socket)).as("half a body is not a request yet").isTrue();
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                socket.setSoTimeout(30_000);
                assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 200")
                        .contains("\"status\":\"no_quorum\"");
            }
        }

        @Test
        void aBodySentInPiecesOrInChunksIsHandedOnWhole() throws Exception {
            byte[] body = LlmServiceApplicationTest.marketData(60).getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/v1/consensus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\n";

            String pieces = exchange(port, (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII), body);
            assertThat(pieces).startsWith("HTTP/1.1 200").contains("\"status\":\"no_quorum\"");

            String chunked = exchange(port, (head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                    chunk(body, 0, 1000), chunk(body, 1000, body.length), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(chunked).startsWith("HTTP/1.1 200").contains("\"status\":\"no_quorum\"");

            // Larger than the buffer a body starts in (64 KiB), its candles past where that buffer grows: a byte lost
            // or repeated there would make it invalid JSON.
            byte[] large = (" ".repeat(100_000) + LlmServiceApplicationTest.marketData(60)).getBytes(StandardCharsets.UTF_8);
            String declared = exchange(port, (head + "Content-Length: " + large.length + "\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII), large);
            assertThat(declared).startsWith("HTTP/1.1 200").contains("\"status\":\"no_quorum\"");
            String largeChunked = exchange(port, (head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII), chunk(large, 0, 70_000), chunk(large, 70_000, large.length),
                    "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(largeChunked).startsWith("HTTP/1.1 200").contains("\"status\":\"no_quorum\"");
        }
    }

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"llm.state.file=target/slow-bodies-state.json", "llm.state.poll-interval=0",
                    "llm.web.body-timeout=1s"})
    @Import(LlmServiceApplicationTest.OneProvider.class)
    @Nested
    class WithAOneSecondBodyTimeout {

        @LocalServerPort
        int port;

        @Test
        void aBodyThatDoesNotArriveInTimeIsA408ProblemAndTheConnectionIsClosed() throws Exception {
            try (Socket socket = startSlowBody(port)) {
                socket.setSoTimeout(30_000);

                String answer = readToEnd(socket.getInputStream());

                assertThat(answer).startsWith("HTTP/1.1 408").contains("Content-Type: application/problem+json")
                        .contains("\"detail\":\"the request body did not arrive within 1 s; send it with the headers\"")
                        .contains("\"instance\":\"/api/v1/consensus\"");
            }
        }
    }

    /** The request goes on after its body has arrived, on another dispatch: the tokens are checked on that one. */
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"llm.state.file=target/slow-bodies-state.json", "llm.state.poll-interval=0",
                    "llm.api.token=" + WithTokens.API, "llm.admin.token=" + WithTokens.ADMIN})
    @Import(LlmServiceApplicationTest.OneProvider.class)
    @Nested
    class WithTokens {

        static final String API = "api-token-for-slow-bodies";
        static final String ADMIN = "admin-token-for-slow-bodies";

        @LocalServerPort
        int port;

        @Test
        void requestsWithABodyStillNeedTheirToken() throws Exception {
            String body = LlmServiceApplicationTest.marketData(60);

            assertThat(post("/api/v1/consensus", body, null).statusCode()).isEqualTo(401);
            assertThat(post("/api/v1/consensus", body, "wrong").statusCode()).isEqualTo(401);
            assertThat(post("/api/v1/consensus", body, API).statusCode()).isEqualTo(200);
            HttpResponse<String> disable = post("/api/v1/providers/solo/disable", "{}", API);
            assertThat(disable.statusCode()).isEqualTo(401);
            assertThat(disable.body()).contains("LLM_ADMIN_TOKEN");
            assertThat(post("/actuator/llmproviders/solo/disable", "{}", null).statusCode()).isEqualTo(401);
        }

        private HttpResponse<String> post(String path, String body, String token) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A connection that sent the headers of a consensus request and 100 bytes of its body, and nothing more. */
    static Socket startSlowBody(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/consensus HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(LlmServiceApplicationTest.marketData(60).substring(0, 100).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private static boolean readsNothingYet(Socket socket) throws IOException {
        try {
            socket.getInputStream().read();  // -1 (closed) or a byte (answered)
            return false;
        } catch (SocketTimeoutException stillWaiting) {
            return true;
        }
    }

    /** Sends each part in its own write, then reads the answer until the server closes the connection. */
    private static String exchange(int port, byte[]... parts) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            for (byte[] part : parts) {
                socket.getOutputStream().write(part);
                socket.getOutputStream().flush();
            }
            return readToEnd(socket.getInputStream());
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    private static byte[] chunk(byte[] body, int from, int to) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.write(body, from, to - from);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
