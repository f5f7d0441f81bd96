package dev.llmservice.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code {PREFIX}_*} variables of one provider: the prefix is the provider's
 * ({@link ProviderName#envPrefix()}), the defaults are its type's ({@link ProviderConfigSpec}).
 *
 * <p>Every problem is collected and reported together; an invalid value never silently becomes the
 * default. A blank value counts as unset.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code P_TYPE}</td><td>an installed provider type</td><td>the provider's name, when that is a type;
 *       required otherwise</td></tr>
 *   <tr><td>{@code P_API_KEY}</td><td>any non-blank text</td><td>none: provider not configured (a type that does not
 *       require a key, such as a local model, works without)</td></tr>
 *   <tr><td>{@code P_ENABLED}</td><td>true/false/1/0/yes/no/on/off, any case</td><td>true</td></tr>
 *   <tr><td>{@code P_MODEL}</td><td>any non-blank text</td><td>the type's default model; required when it has none</td></tr>
 *   <tr><td>{@code P_WEIGHT}</td><td>0.0 to 1.0</td><td>1.0</td></tr>
 *   <tr><td>{@code P_MAX_TOKENS}</td><td>whole number, at least 1</td><td>1024</td></tr>
 *   <tr><td>{@code P_TEMPERATURE}</td><td>0.0 to 2.0</td><td>0.7</td></tr>
 *   <tr><td>{@code P_TIMEOUT}</td><td>seconds, greater than 0 (decimals allowed)</td><td>30</td></tr>
 *   <tr><td>{@code P_MAX_RETRIES}</td><td>whole number, 0 to 10</td><td>3</td></tr>
 *   <tr><td>{@code P_BASE_URL}</td><td>absolute http(s) URL</td><td>the vendor's endpoint; required when the type
 *       has none</td></tr>
 *   <tr><td>{@code P_RPM}</td><td>whole number of requests per minute, 1 to 10,000,000</td><td>no limit</td></tr>
 *   <tr><td>{@code P_TPM}</td><td>whole number of tokens (input and output) per minute, 1 to 1,000,000,000</td>
 *       <td>no limit</td></tr>
 *   <tr><td>{@code P_INPUT_PRICE}</td><td>a number &ge; 0, USD per million input tokens</td>
 *       <td>the bundled price table's price of the model</td></tr>
 *   <tr><td>{@code P_OUTPUT_PRICE}</td><td>a number &ge; 0, USD per million output tokens</td>
 *       <td>the bundled price table's price of the model</td></tr>
 * </table>
 *
 * <p>The prices are validated here, with the other variables (an invalid one makes the provider misconfigured);
 * {@code dev.llmservice.cost.CostCalculator} applies them.
 */
public final class ProviderConfigLoader {

    public static final String TYPE = "_TYPE";
    public static final String API_KEY = "_API_KEY";
    public static final String ENABLED = "_ENABLED";
    public static final String MODEL = "_MODEL";
    public static final String WEIGHT = "_WEIGHT";
    public static final String MAX_TOKENS = "_MAX_TOKENS";
    public static final String TEMPERATURE = "_TEMPERATURE";
    public static final String TIMEOUT = "_TIMEOUT";
    public static final String MAX_RETRIES = "_MAX_RETRIES";
    public static final String BASE_URL = "_BASE_URL";
    public static final String RPM = "_RPM";
    public static final String TPM = "_TPM";
    public static final String INPUT_PRICE = "_INPUT_PRICE";
    public static final String OUTPUT_PRICE = "_OUTPUT_PRICE";

    /** The variable suffixes in the order they are documented and validated. */
    public static final List<String> SUFFIXES = List.of(TYPE, API_KEY, ENABLED, MODEL, WEIGHT, MAX_TOKENS, TEMPERATURE,
            TIMEOUT, MAX_RETRIES, BASE_URL, RPM, TPM, INPUT_PRICE, OUTPUT_PRICE);

    /** What a price accepts, in the words of its problem messages. */
    public static final String PRICE_ACCEPTED = "a number >= 0 (USD per million tokens)";
    private static final String PRICE_DEFAULT = "the price table's price of the model";
    private static final String NO_LIMIT = "no limit";

    // Plain decimals only: no exponent, no hex, no "NaN", no thousands separator; prices are typed by people.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");

    private static final List<String> TRUE_WORDS = List.of("true", "1", "yes", "on");
    private static final List<String> FALSE_WORDS = List.of("false", "0", "no", "off");

    // What each variable accepts, in the words of the problem messages; the numeric ones are their Range's.
    private static final String TYPE_ACCEPTED = "one of the provider types installed (llm-providers --list)";
    private static final String KEY_ACCEPTED = "any non-blank text; without it the provider is not configured, "
            + "unless its type needs no key";
    private static final String BOOLEAN_ACCEPTED = "one of " + String.join("/",
            List.of(TRUE_WORDS.get(0), FALSE_WORDS.get(0), TRUE_WORDS.get(1), FALSE_WORDS.get(1),
                    TRUE_WORDS.get(2), FALSE_WORDS.get(2), TRUE_WORDS.get(3), FALSE_WORDS.get(3)));
    private static final String MODEL_ACCEPTED = "any non-blank text";
    private static final String BASE_URL_ACCEPTED = "an absolute http(s) URL";
    /** Shown in a problem about a base URL when the type has no endpoint of its own to show. */
    private static final URI EXAMPLE_BASE_URL = URI.create("http://localhost:8000/v1");

    /**
     * Every variable in {@link #SUFFIXES} order, with its default and what it accepts (for {@code --list} and
     * documentation). The type's, model's and base URL's defaults depend on the provider and its type.
     */
    public static final List<ConfigVariable> VARIABLES = List.of(
            new ConfigVariable(TYPE, "the name, if it is a type", TYPE_ACCEPTED),
            new ConfigVariable(API_KEY, null, KEY_ACCEPTED),
            new ConfigVariable(ENABLED, String.valueOf(Defaults.ENABLED), BOOLEAN_ACCEPTED + ", any case"),
            new ConfigVariable(MODEL, "the provider type's default model", MODEL_ACCEPTED),
            new ConfigVariable(WEIGHT, String.valueOf(Defaults.WEIGHT), Range.WEIGHT.expected()),
            new ConfigVariable(MAX_TOKENS, String.valueOf(Defaults.MAX_TOKENS), Range.MAX_TOKENS.expected()),
            new ConfigVariable(TEMPERATURE, String.valueOf(Defaults.TEMPERATURE), Range.TEMPERATURE.expected()),
            new ConfigVariable(TIMEOUT, String.valueOf(Defaults.TIMEOUT.toSeconds()), Range.TIMEOUT_SECONDS.expected()),
            new ConfigVariable(MAX_RETRIES, String.valueOf(Defaults.MAX_RETRIES), Range.MAX_RETRIES.expected()),
            new ConfigVariable(BASE_URL, "the provider type's endpoint",
                    BASE_URL_ACCEPTED + ", in the vendor SDK's convention"),
            new ConfigVariable(RPM, NO_LIMIT, Range.REQUESTS_PER_MINUTE.expected()),
            new ConfigVariable(TPM, NO_LIMIT, Range.TOKENS_PER_MINUTE.expected() + " (input and output)"),
            new ConfigVariable(INPUT_PRICE, PRICE_DEFAULT, PRICE_ACCEPTED + ", for input (prompt) tokens"),
            new ConfigVariable(OUTPUT_PRICE, PRICE_DEFAULT, PRICE_ACCEPTED + ", for output (completion) tokens"));

    private ProviderConfigLoader() {
    }

    /**
     * The type {@code provider} is of: {@code {P}_TYPE} (any case), else the provider's name when that is a type.
     *
     * @param knownTypes the ids of the installed types
     * @param problems   gets one problem, naming the variable, the value and the known types, when {@code {P}_TYPE}
     *                   names no known type, or is unset and the name is no type
     * @return the type id, one of {@code knownTypes}; {@code null} after a problem
     */
    public static String typeOf(ProviderName provider, Environment env, List<String> knownTypes,
                                List<ConfigProblem> problems) {
        String variable = provider.variable(TYPE);
        String given = value(env, variable);
        String known = knownTypes.isEmpty() ? "an installed provider type (none is installed)"
                : "one of: " + String.join(", ", knownTypes);
        if (given == null) {
            if (knownTypes.contains(provider.name())) {
                return provider.name();
            }
            problems.add(ConfigProblem.missing(variable, knownTypes.isEmpty() ? known : known + " ("
                    + provider.name() + " is not a type name, so its type must be given)"));
            return null;
        }
        String type = given.toLowerCase(Locale.ROOT);
        if (knownTypes.contains(type)) {
            return type;
        }
        problems.add(new ConfigProblem(variable, given, known));
        return null;
    }

    /** Reads the variables of a provider named like {@code type} (the default list's way), e.g. {@code ANTHROPIC_*}. */
    public static LoadedConfig load(ProviderConfigSpec type, Environment env) {
        return load(new ProviderName(type.name()), type, env);
    }

    /** Reads {@code provider}'s variables, with {@code type}'s defaults. Never throws for bad values. */
    public static LoadedConfig load(ProviderName provider, ProviderConfigSpec type, Environment env) {
        return read(provider, Objects.requireNonNull(type, "type"), List.of(), env);
    }

    /**
     * What can be read of a provider whose type is not known ({@link #typeOf} gave {@code typeProblems}): always
     * misconfigured, with those problems first and every other invalid value after them; no defaults are applied.
     */
    public static LoadedConfig loadUntyped(ProviderName provider, List<ConfigProblem> typeProblems, Environment env) {
        if (typeProblems.isEmpty()) {
            throw new IllegalArgumentException("a provider without a type has a problem saying why");
        }
        return read(provider, null, typeProblems, env);
    }

    private static LoadedConfig read(ProviderName provider, ProviderConfigSpec type, List<ConfigProblem> typeProblems,
                                     Environment env) {
        String prefix = provider.envPrefix();
        List<ConfigProblem> problems = new ArrayList<>(typeProblems);

        String rawKey = value(env, prefix + API_KEY);
        ApiKey apiKey = rawKey == null ? null : ApiKey.of(rawKey);

        String enabledVar = prefix + ENABLED;
        Boolean enabledGiven = parseBoolean(enabledVar, value(env, enabledVar), problems);
        boolean enabled = enabledGiven == null ? Defaults.ENABLED : enabledGiven;

        String model = value(env, prefix + MODEL);
        if (model == null && type != null) {
            model = type.defaultModel();
            if (model == null) {
                problems.add(ConfigProblem.missing(prefix + MODEL, "the name of a model (the " + type.name()
                        + " type has no default model)"));
            }
        }

        Double weight = parseDouble(prefix + WEIGHT, value(env, prefix + WEIGHT), Range.WEIGHT, problems);
        Integer maxTokens = parseInt(prefix + MAX_TOKENS, value(env, prefix + MAX_TOKENS), Range.MAX_TOKENS, problems);
        Double temperature = parseDouble(prefix + TEMPERATURE, value(env, prefix + TEMPERATURE), Range.TEMPERATURE,
                problems);
        Duration timeout = parseSeconds(prefix + TIMEOUT, value(env, prefix + TIMEOUT), problems);
        Integer retries = parseInt(prefix + MAX_RETRIES, value(env, prefix + MAX_RETRIES), Range.MAX_RETRIES,
                problems);
        Integer rpm = parseInt(prefix + RPM, value(env, prefix + RPM), Range.REQUESTS_PER_MINUTE, problems);
        Integer tpm = parseInt(prefix + TPM, value(env, prefix + TPM), Range.TOKENS_PER_MINUTE, problems);

        parseDecimal(prefix + INPUT_PRICE, value(env, prefix + INPUT_PRICE), false, PRICE_ACCEPTED, problems);
        parseDecimal(prefix + OUTPUT_PRICE, value(env, prefix + OUTPUT_PRICE), false, PRICE_ACCEPTED, problems);

        String baseUrlVar = prefix + BASE_URL;
        String rawBaseUrl = value(env, baseUrlVar);
        URI baseUrl = null;
        if (rawBaseUrl != null) {
            baseUrl = parseBaseUrl(type, baseUrlVar, rawBaseUrl, problems);
        } else if (type != null) {
            baseUrl = type.defaultBaseUrl();
            if (baseUrl == null) {
                problems.add(ConfigProblem.missing(baseUrlVar, BASE_URL_ACCEPTED + " of the server's API (the "
                        + type.name() + " type has no default endpoint)"));
            }
        }

        double effectiveWeight = weight == null ? Defaults.WEIGHT : weight;
        String shownBaseUrl = baseUrl != null ? baseUrl.toString() : redactUrl(rawBaseUrl);
        String masked = apiKey == null ? "" : apiKey.masked();

        ConfigStatus status;
        Optional<ProviderConfig> config = Optional.empty();
        if (type == null) {
            status = ConfigStatus.MISCONFIGURED;
        } else if (apiKey == null && type.apiKeyRequired()) {
            status = ConfigStatus.NOT_CONFIGURED;
        } else if (!problems.isEmpty()) {
            status = ConfigStatus.MISCONFIGURED;
        } else {
            status = ConfigStatus.CONFIGURED;
            config = Optional.of(new ProviderConfig(
                    provider.name(), type.name(), apiKey, enabled, model, effectiveWeight,
                    orDefault(maxTokens, Defaults.MAX_TOKENS),
                    temperature == null ? Defaults.TEMPERATURE : temperature,
                    timeout == null ? Defaults.TIMEOUT : timeout,
                    orDefault(retries, Defaults.MAX_RETRIES),
                    baseUrl, new RateLimits(rpm, tpm)));
        }
        return new LoadedConfig(provider.name(), type == null ? null : type.name(), prefix, status, config, problems,
                enabled, enabledGiven != null, model, effectiveWeight, shownBaseUrl, masked);
    }

    /**
     * An exact decimal as people type amounts of money (no exponent, no {@code NaN}): {@code null} when unset or
     * blank, or when invalid, and then a problem naming {@code variable}, the value and {@code expected} is added.
     * Used for the prices here and by {@code dev.llmservice.cost.Prices} for them and the daily budget.
     *
     * @param positive whether the number must be greater than 0 (else at least 0)
     */
    public static BigDecimal parseDecimal(String variable, String raw, boolean positive, String expected,
                                          List<ConfigProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (DECIMAL.matcher(value).matches()) {
            BigDecimal number = new BigDecimal(value);
            if (positive ? number.signum() > 0 : number.signum() >= 0) {
                return number.signum() == 0 ? BigDecimal.ZERO : number; // "-0" is zero
            }
        }
        problems.add(new ConfigProblem(variable, value, expected));
        return null;
    }

    /** {@code true}/{@code false} for the accepted words in any case, {@code null} when unset or invalid. */
    static Boolean parseBoolean(String variable, String raw, List<ConfigProblem> problems) {
        if (raw == null) {
            return null;
        }
        String word = raw.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return Boolean.TRUE;
        }
        if (FALSE_WORDS.contains(word)) {
            return Boolean.FALSE;
        }
        problems.add(new ConfigProblem(variable, raw, BOOLEAN_ACCEPTED));
        return null;
    }

    private static Double parseDouble(String variable, String raw, Range range, List<ConfigProblem> problems) {
        if (raw == null) {
            return null;
        }
        Double value = finiteNumber(raw);
        if (value == null || !range.contains(value)) {
            problems.add(new ConfigProblem(variable, raw, range.expected()));
            return null;
        }
        // "-0" passes the range check as -0.0, which status output would print as "-0.0".
        return value + 0.0;
    }

    private static Integer parseInt(String variable, String raw, Range range, List<ConfigProblem> problems) {
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw);
            if (range.contains(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(variable, raw, range.expected()));
        return null;
    }

    /**
     * A number of seconds as {@code P_TIMEOUT} takes them (greater than 0, decimals allowed, at most
     * {@link Defaults#MAX_TIMEOUT}), to the millisecond; also for other settings of the same kind, such as the CLI's
     * {@code --timeout}.
     *
     * @param variable what the value was given as, named in the problem (e.g. {@code ANTHROPIC_TIMEOUT})
     * @param problems where a problem is added when {@code raw} is not such a number
     * @return the duration; {@code null} when {@code raw} is {@code null} or invalid
     */
    public static Duration parseSeconds(String variable, String raw, List<ConfigProblem> problems) {
        if (raw == null) {
            return null;
        }
        Double seconds = finiteNumber(raw);
        if (seconds == null || !Range.TIMEOUT_SECONDS.contains(seconds)) {
            problems.add(new ConfigProblem(variable, raw, Range.TIMEOUT_SECONDS.expected()));
            return null;
        }
        long millis = new BigDecimal(raw).movePointRight(3).longValue();
        if (millis <= 0) {
            problems.add(new ConfigProblem(variable, raw, "a number of seconds of at least 0.001"));
            return null;
        }
        return Duration.ofMillis(millis);
    }

    /** A base URL in {@code type}'s convention; as given (trailing slash dropped) when the type is not known. */
    private static URI parseBaseUrl(ProviderConfigSpec type, String variable, String raw,
                                    List<ConfigProblem> problems) {
        URI example = type == null || type.defaultBaseUrl() == null ? EXAMPLE_BASE_URL : type.defaultBaseUrl();
        String expected = BASE_URL_ACCEPTED + " such as " + example
                + " (no credentials, query or fragment; the key goes in the _API_KEY variable)";
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return type == null ? stripTrailingSlash(uri) : type.normalizeBaseUrl(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new ConfigProblem(variable, redactUrl(raw), expected));
        return null;
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.replaceAll("/+$", "")) : uri;
    }

    /**
     * A URL with anything that may hold a secret (user info, query, fragment) replaced by {@code …}: people
     * paste URLs like {@code https://host/v1beta?key=AIza…}, and those must never be echoed.
     */
    static String redactUrl(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replaceAll("(?<=://)[^/@?#]*@", "\u2026@");
        int cut = s.length();
        for (char c : new char[] {'?', '#'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return cut < s.length() ? s.substring(0, cut + 1) + "\u2026" : s;
    }

    /** A finite number with only ASCII digits, sign, point and exponent; {@code null} otherwise. */
    private static Double finiteNumber(String raw) {
        if (!raw.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        double value = Double.parseDouble(raw);
        return Double.isFinite(value) ? value : null;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** The trimmed value, or {@code null} when unset or blank. */
    private static String value(Environment env, String name) {
        String raw = env.get(name);
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
