package dev.llmservice.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * List prices per model, in USD per million tokens, as of {@link #takenOn()}.
 *
 * <p>The bundled table ({@link #bundled()}, the resource {@value #RESOURCE}) covers the built-in providers' default
 * models and common alternatives. Prices change: {@code {P}_INPUT_PRICE} and {@code {P}_OUTPUT_PRICE} override
 * them per provider (see {@link Prices}).
 *
 * <p>A look-up tries the model as given, then without a {@code models/} prefix (Gemini's form) and without a
 * trailing release date ({@code gpt-4.1-2025-04-14}, {@code claude-sonnet-4-5-20250929}: vendors answer with the
 * dated name of the model asked for by its alias). Nothing else is guessed.
 */
public final class PriceTable {

    /** The bundled table, on the class path. */
    public static final String RESOURCE = "/dev/llmservice/cost/prices.json";

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private final LocalDate takenOn;
    private final Map<String, ModelPrice> models;

    /**
     * @param takenOn the day the prices were taken
     * @param models  model name (lower case) to price
     */
    public PriceTable(LocalDate takenOn, Map<String, ModelPrice> models) {
        this.takenOn = Objects.requireNonNull(takenOn, "takenOn");
        Map<String, ModelPrice> copy = new LinkedHashMap<>();
        models.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        this.models = Collections.unmodifiableMap(copy);
    }

    /** The table shipped with llm-service. */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /** The day the prices were taken. */
    public LocalDate takenOn() {
        return takenOn;
    }

    /** Every model with a price, in the table's order. */
    public Map<String, ModelPrice> models() {
        return models;
    }

    /** The price of {@code model}, or empty when the table does not know it. */
    public Optional<ModelPrice> price(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        ModelPrice price = models.get(name);
        if (price == null) {
            price = models.get(DATE_SUFFIX.matcher(name).replaceFirst(""));
        }
        return Optional.ofNullable(price);
    }

    /** Reads a table in the bundled resource's format. */
    static PriceTable read(InputStream in) throws IOException {
        // Prices as written ("2.00", "0.28"), never through a double.
        JsonNode root = Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(in);
        LocalDate takenOn = LocalDate.parse(root.path("taken_on").asText());
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            models.put(e.getKey(), new ModelPrice(e.getValue().path("input").decimalValue(),
                    e.getValue().path("output").decimalValue()));
        }
        return new PriceTable(takenOn, models);
    }

    /** Loaded on first use. */
    private static final class Bundled {
        static final PriceTable TABLE = load();

        private static PriceTable load() {
            try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the price table " + RESOURCE + " is missing from the class path");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the price table " + RESOURCE, e);
            }
        }
    }
}
