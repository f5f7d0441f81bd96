package dev.llmservice.spring.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An error of the OpenAI-compatible endpoint, answered in OpenAI's shape so that OpenAI's SDKs raise their usual
 * exceptions ({@code BadRequestException} for 400, {@code UnauthorizedException} 401, {@code NotFoundException} 404,
 * {@code RateLimitException} 429, {@code InternalServerException} 5xx):
 * {@code {"error": {"message", "type", "param", "code"}}}. The message never holds a key.
 */
public final class OpenAiError extends RuntimeException {

    /** OpenAI's type of a request the caller must change. */
    public static final String INVALID_REQUEST = "invalid_request_error";
    /** OpenAI's type of a failure on the serving side. */
    public static final String SERVER_ERROR = "server_error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final List<ChatCompletions.Attempt> attempts;

    /**
     * @param status the HTTP status
     * @param type   OpenAI's error type, e.g. {@value #INVALID_REQUEST}
     * @param param  the request field at fault, e.g. {@code messages[1].role}; {@code null} when none
     * @param code   a machine-readable code, e.g. {@code model_not_found}; {@code null} when none
     */
    public OpenAiError(int status, String type, String param, String code, String message) {
        this(status, type, param, code, message, List.of());
    }

    private OpenAiError(int status, String type, String param, String code, String message,
                        List<ChatCompletions.Attempt> attempts) {
        // No stack trace: an expected answer, never logged as a failure of the server.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.param = param;
        this.code = code;
        this.attempts = List.copyOf(attempts);
    }

    /** This error after the providers {@code attempts} asked. */
    public OpenAiError withAttempts(List<ChatCompletions.Attempt> newAttempts) {
        return new OpenAiError(status, type, param, code, getMessage(), newAttempts);
    }

    /** This error with another message (masked). */
    OpenAiError withMessage(String message) {
        return new OpenAiError(status, type, param, code, message, attempts);
    }

    /** The providers asked before this error, in order; empty when none was. */
    public List<ChatCompletions.Attempt> attempts() {
        return attempts;
    }

    /** A 400 {@value #INVALID_REQUEST} naming the field. */
    public static OpenAiError badRequest(String param, String code, String message) {
        return new OpenAiError(400, INVALID_REQUEST, param, code, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    /** The error document. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }

    /** Writes this error as the whole response (filters, which run before Spring MVC). */
    public void write(HttpServletResponse response) throws IOException {
        byte[] body = Json.mapper().writeValueAsBytes(toJson());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
