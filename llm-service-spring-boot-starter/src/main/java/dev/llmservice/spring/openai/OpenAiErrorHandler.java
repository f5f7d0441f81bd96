package dev.llmservice.spring.openai;

import dev.llmservice.operations.LocalOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.IOException;

import dev.llmservice.json.Json;

/**
 * Errors of {@link OpenAiController} in OpenAI's shape ({@link OpenAiError}), never Spring's problem documents: an
 * OpenAI SDK reads {@code error.message}. Messages are masked with every configured key; an unexpected failure shows
 * its type only and is logged.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OpenAiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorHandler.class);

    private final LocalOperations operations;

    public OpenAiErrorHandler(LocalOperations operations) {
        this.operations = operations;
    }

    @ExceptionHandler(OpenAiError.class)
    ResponseEntity<byte[]> openAiError(OpenAiError e) throws IOException {
        return answer(e.withMessage(operations.masker().redact(e.getMessage())));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) throws IOException {
        HttpHeaders allow = new HttpHeaders();
        allow.setAllow(e.getSupportedHttpMethods() == null ? java.util.Set.of() : e.getSupportedHttpMethods());
        return answer(allow, new OpenAiError(405, OpenAiError.INVALID_REQUEST, null, "method_not_supported",
                e.getMethod() + " is not supported here; use " + String.join(" or ", e.getSupportedHttpMethods() == null
                        ? java.util.List.of() : e.getSupportedHttpMethods().stream().map(Object::toString).toList())));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<byte[]> notAcceptable(HttpMediaTypeNotAcceptableException e) throws IOException {
        return answer(new OpenAiError(406, OpenAiError.INVALID_REQUEST, null, null,
                "the answer is application/json (text/event-stream when streaming)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) throws IOException {
        // The message masked, no stack trace: a third-party provider's exception might carry its key.
        LOG.error("OpenAI-compatible endpoint failed: {}: {}", e.getClass().getName(),
                operations.masker().redact(String.valueOf(e.getMessage())));
        return answer(new OpenAiError(500, OpenAiError.SERVER_ERROR, null, null,
                "the server failed unexpectedly (" + e.getClass().getSimpleName() + ")"));
    }

    private static ResponseEntity<byte[]> answer(OpenAiError e) throws IOException {
        return answer(new HttpHeaders(), e);
    }

    private static ResponseEntity<byte[]> answer(HttpHeaders headers, OpenAiError e) throws IOException {
        if (!e.attempts().isEmpty()) {
            headers.set(OpenAiController.ATTEMPTS_HEADER, OpenAiController.attempts(e.attempts()));
        }
        return ResponseEntity.status(e.status()).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(Json.mapper().writeValueAsBytes(e.toJson()));
    }
}
