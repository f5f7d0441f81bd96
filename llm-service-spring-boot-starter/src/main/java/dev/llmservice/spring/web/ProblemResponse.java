package dev.llmservice.spring.web;

import dev.llmservice.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 {@code application/problem+json} answer written by a servlet filter, which runs before Spring MVC's
 * handlers ({@link ApiProblemHandler} writes the controllers' problems): the same fields, {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, then any extra ones.
 */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    /**
     * Writes the problem as the whole response.
     *
     * @param extra further members, in order (e.g. {@code max_request_bytes}); may be empty
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail, Map<String, Object> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(extra);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = Json.mapper().writeValueAsBytes(problem);
        // A length, not chunks: the client can read the whole answer even while the connection is left half-read.
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
