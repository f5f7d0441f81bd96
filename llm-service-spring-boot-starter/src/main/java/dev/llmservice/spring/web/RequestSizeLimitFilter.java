package dev.llmservice.spring.web;

import dev.llmservice.spring.openai.OpenAiError;
import dev.llmservice.spring.security.AccessRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses a request body larger than {@code llm.max-request-bytes} ({@code LLM_MAX_REQUEST_BYTES}) under the
 * {@code /api/v1} API with 413 {@code application/problem+json}, before the body is read into memory.
 *
 * <ul>
 *   <li>With a {@code Content-Length}: decided from the header alone; none of the body is read. (Tomcat then
 *       never hands the application more than the declared length.)</li>
 *   <li>Without one ({@code Transfer-Encoding: chunked}): at most the limit plus one byte is read; one more than
 *       the limit is refused there and the rest is never read. A body within the limit is handed on from
 *       memory.</li>
 * </ul>
 * The 413 closes the connection ({@code Connection: close}): the rest of the body is never read, so the
 * connection cannot carry another request. The application's own paths are untouched.
 * Runs after the token filter, so a caller without access is answered 401 or 403 and nothing of its body is
 * read either.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final AccessRules rules;
    private final long maxBytes;

    /** @param maxBytes the largest body accepted, at most {@code Integer.MAX_VALUE - 8} (an array's limit) */
    public RequestSizeLimitFilter(AccessRules rules, long maxBytes) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes was '" + maxBytes + "' but it must be from 0 to "
                    + (Integer.MAX_VALUE - 8));
        }
        this.rules = rules;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = AccessRules.pathOf(request);
        if (!rules.isApi(path)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(request, response, "the request body is " + declared + " bytes (Content-Length), more than the "
                    + maxBytes + " bytes this server accepts");
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), (int) maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response, "the request body is longer than the " + maxBytes
                    + " bytes this server accepts; it was not read further");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /**
     * Up to {@code max} bytes, fewer at the end of the body. Not {@code InputStream.readNBytes}: having read
     * {@code max} bytes it asks for 0 more, and Tomcat's chunked input waits for the next chunk even then.
     */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("Connection", "close");
        if (rules.isOpenAi(AccessRules.pathOf(request))) {
            new OpenAiError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, OpenAiError.INVALID_REQUEST, null,
                    "request_too_large", detail + " (LLM_MAX_REQUEST_BYTES)").write(response);
        } else {
            ProblemResponse.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large", detail + " (LLM_MAX_REQUEST_BYTES)",
                    Map.of("max_request_bytes", maxBytes));
        }
        // Sent now, before the container deals with the unread body, so the client sees the answer.
        response.flushBuffer();
    }

    /** The request with its body already read (it came without a length), served from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final ServletInputStream stream;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.stream = new BodyInputStream(body);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(stream, charset));
        }
    }
}
