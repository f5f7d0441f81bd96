package dev.llmservice.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.UncheckedIOException;

/**
 * The project's JSON conventions in one place: snake_case keys, stable field order, ISO-8601 text for times,
 * decimals without exponents, and the one Jackson mapper every document is written and read with.
 *
 * <p>Code that needs other settings derives them from {@link #mapper()} rather than building a mapper of its own:
 * an {@link com.fasterxml.jackson.databind.ObjectReader} or {@link ObjectWriter} carries per-use features (a
 * reader of market data that allows {@code NaN}, a pretty writer) and shares the mapper's caches. Only settings
 * an {@code ObjectReader} cannot carry (naming, mix-ins, coercion rules) would need a {@code mapper().copy()}.
 *
 * <p>Reading binds strictly: a number must be a JSON number, a boolean {@code true} or {@code false}, text a
 * JSON string, a whole number has no fraction. The documents this mapper binds are the project's own (a server's
 * answers read back by the CLI): a value of another type means a different or broken writer, and is reported
 * rather than guessed at. Trees ({@code readTree}) are not affected.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // "0.5" is no number and "true" no boolean ...
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ... nor is 5 or true text.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // Money (BigDecimal) as 0.000002, never 2E-6.
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** A shared, configured mapper. Do not reconfigure it; derive a reader or writer from it instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The shared mapper's writer for indented output (Jackson's default pretty printer). */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** {@code value} as indented JSON. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as compact JSON. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
