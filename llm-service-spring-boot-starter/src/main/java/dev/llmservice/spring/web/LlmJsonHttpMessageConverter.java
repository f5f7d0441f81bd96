package dev.llmservice.spring.web;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.json.Json;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.io.IOException;

/**
 * Writes the project's own types ({@code dev.llmservice.*}) with core's {@link Json} mapper, so the REST API
 * and the Actuator endpoint return exactly the documents the CLI's {@code --json} prints: snake_case keys,
 * same field order.
 *
 * <p>Why not configure Spring's mapper: Spring Boot 4 writes JSON with Jackson 3 ({@code tools.jackson}),
 * core's records carry no annotations, and a starter must not switch the embedding application's whole JSON
 * style to snake_case. This converter claims only our types and leaves every other body (the application's,
 * {@code ProblemDetail}, maps) to Spring's.
 *
 * <p>A {@link ConsensusResult} is written by {@link ConsensusJson}: its documented shape (issue 3) is a record
 * tree that the same mapper writes, through a writer bound to that type, straight to bytes.
 */
public class LlmJsonHttpMessageConverter extends AbstractHttpMessageConverter<Object> {

    private static final String OWN_PACKAGE = "dev.llmservice.";

    public LlmJsonHttpMessageConverter() {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return clazz.getName().startsWith(OWN_PACKAGE);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("this converter only writes", inputMessage);
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage outputMessage) throws IOException {
        outputMessage.getBody().write(value instanceof ConsensusResult result
                ? ConsensusJson.toCompactJsonBytes(result)
                : Json.mapper().writeValueAsBytes(value));
    }
}
