package dev.llmservice.spring.web;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.llmservice.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An RFC 9457 {@code application/problem+json} answer written by a servlet filter, which runs before Spring MVC's
 * handlers ({@link ApiProblemHandler} writes the controllers' problems): a Spring {@link ProblemDetail} with
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, then any extra members.
 */
public final class ProblemResponse {

    private static final URI BLANK_TYPE = URI.create("about:blank");
    /**
     * Core's shared mapper with Spring's own Jackson mix-in for {@link ProblemDetail} ({@code properties} at the
     * top level, empty fields left out). A mix-in is a mapper setting, which no writer can carry: hence a
     * {@code copy()} of the shared mapper, not a mapper configured here.
     */
    private static final ObjectWriter PROBLEM_WRITER = Json.mapper().copy()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .writerFor(ProblemDetail.class);

    private ProblemResponse() {
    }

    /**
     * Writes the problem as the whole response; {@code type} is {@code about:blank} spelled out (Spring 7 leaves it
     * out, which RFC 9457 reads the same; these documents have always carried it), {@code instance} the request's
     * path.
     *
     * @param extra further members, in order (e.g. {@code max_request_bytes}); may be empty
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail, Map<String, Object> extra) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status),
                detail);
        problem.setType(BLANK_TYPE);
        problem.setTitle(title);
        problem.setInstance(instance(request));
        extra.forEach(problem::setProperty);
        byte[] body = PROBLEM_WRITER.writeValueAsBytes(problem);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // A length, not chunks: the client can read the whole answer even while the connection is left half-read.
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request's path as Spring MVC sets it; none when the raw path is no valid URI (then there is no link). */
    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
