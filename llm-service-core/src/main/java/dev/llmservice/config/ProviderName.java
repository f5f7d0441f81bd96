package dev.llmservice.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one provider, as listed in {@code LLM_PROVIDERS}: what the command line, the REST API, the state file,
 * status and metrics call it, and where its variables come from. {@code openai-mini} reads {@code OPENAI_MINI_API_KEY},
 * {@code OPENAI_MINI_TYPE} and the rest: the name upper-cased, {@code -} as {@code _}.
 *
 * <p>A name is lower case: a letter, then up to 31 letters, digits, {@code -} or {@code _}. Two names whose prefixes
 * are the same ({@code a-b} and {@code a_b}) cannot both be providers; {@link ProviderList} keeps the first.
 *
 * @param name the name, e.g. {@code openai-mini}
 */
public record ProviderName(String name) {

    /** What a name looks like. */
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** {@link #PATTERN} in words, for problem messages. */
    public static final String EXPECTED =
            "lower case: a letter, then up to 31 letters, digits, '-' or '_' (e.g. openai-mini)";

    public ProviderName {
        Objects.requireNonNull(name, "name");
        if (!PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("a provider name must be " + EXPECTED + ", but was '" + name + "'");
        }
    }

    /** Whether {@code name} is a valid provider name. */
    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** The prefix of this provider's variables: {@code OPENAI_MINI} for {@code openai-mini}. */
    public String envPrefix() {
        return prefixOf(name);
    }

    /** The prefix of the variables a provider named {@code name} reads: upper case, {@code -} as {@code _}. */
    public static String prefixOf(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code {prefix}{suffix}}: {@code variable("_API_KEY")} is {@code OPENAI_MINI_API_KEY}. */
    public String variable(String suffix) {
        return envPrefix() + suffix;
    }

    @Override
    public String toString() {
        return name;
    }
}
