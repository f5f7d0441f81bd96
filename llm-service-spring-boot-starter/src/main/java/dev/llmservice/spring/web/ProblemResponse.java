package dev.llmservice.spring.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9457 {@code application/problem+json} written straight to a servlet response, for the places that answer
 * before or outside Spring MVC (the token filter, CORS, the body reader, the container's own errors), in the same
 * shape as the API's {@code ProblemDetail}s: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}. The texts are the caller's; only {@code instance} comes from the request, and it is escaped.
 */
public final class ProblemResponse {

    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponse() {
    }

    /**
     * Sets the status and content type and writes the document.
     *
     * @param title    short, the same for every problem of the kind; {@code null} for the status's reason phrase
     * @param instance the request's URI, or {@code null} to leave it out
     */
    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(status, title, detail, instance));
    }

    /** The document as text; {@code title} {@code null} is the status's reason phrase. */
    public static String json(int status, String title, String detail, String instance) {
        StringBuilder b = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"")
                .append(escape(title != null ? title : reasonPhrase(status))).append("\",\"status\":").append(status)
                .append(",\"detail\":\"").append(escape(detail)).append('"');
        if (instance != null && !instance.isEmpty()) {
            b.append(",\"instance\":\"").append(escape(instance)).append('"');
        }
        return b.append('}').toString();
    }

    /** {@code Bad Request} for 400; {@code Error} for a status without one. */
    public static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    /** Escapes what would break a JSON string: quotes, backslashes and control characters. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
