package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service-level settings, under {@code llm.*}. Provider settings are not here: they stay the design's
 * environment variables ({@code ANTHROPIC_API_KEY}, {@code OPENAI_MODEL}, ...), read by core's
 * {@code Environment} exactly as the CLI reads them. Which providers there are may be set here too
 * ({@code llm.providers}), so that an application can name them in its own configuration.
 *
 * <p>Spring's relaxed binding maps the documented variables onto these properties: {@code LLM_ADMIN_TOKEN}
 * is {@code llm.admin.token}, {@code LLM_API_TOKEN} is {@code llm.api.token}, {@code LLM_STATE_FILE} is
 * {@code llm.state.file}, {@code LLM_MAX_REQUEST_BYTES} is {@code llm.max-request-bytes}, {@code LLM_MAX_CANDLES}
 * is {@code llm.max-candles}. Every invalid value is reported together at start-up, each with the property,
 * the value and the accepted range; the application does not start with any of them.
 *
 * <p>The four limits are {@code null} when not set as properties (nor, through relaxed binding, as process
 * environment variables): {@link #maxRequestBytes(Environment)} and {@link #marketDataLimits(Environment)} then
 * read their variables from core's {@link Environment}, which also reads {@code .env}, as the CLI does, so that
 * both accept the same data; unset there too, they are the defaults.
 *
 * @param providers the providers, as {@code LLM_PROVIDERS} lists them ({@code anthropic,openai,openai-mini}); when
 *                  set, it is what the providers' environment says {@code LLM_PROVIDERS} is (problems with it are
 *                  reported in the status, as for the variable); unset, {@code LLM_PROVIDERS} in the environment or
 *                  {@code .env} decides, default {@code anthropic,openai,gemini,grok}
 * @param deadline the whole consensus request's deadline; greater than 0, default 30 s
 * @param policy   the consensus policy's thresholds (issue 3's defaults)
 * @param health   how the {@code llmProviders} health contributor judges the registry
 * @param admin    the token that guards probing and changing operations
 * @param api      the optional token that guards read-only status and consensus
 * @param state    the override state file shared with the CLI
 * @param registry start-up behaviour of the registry
 * @param web      the {@code /api/v1} REST API
 * @param maxRequestBytes    the largest request body the {@code /api/v1} API reads, in bytes: a larger one is
 *                           answered 413 before it is read (by its {@code Content-Length}; a body without one
 *                           is counted while it is read and refused at the limit). {@value #MIN_MAX_REQUEST_BYTES}
 *                           to {@value #MAX_MAX_REQUEST_BYTES}; default {@value #DEFAULT_MAX_REQUEST_BYTES}
 *                           (4 MiB): 5,000 candles written as verbosely as the format allows take 1.51 MB, the
 *                           most indicators another 0.31 MB (see the starter's README)
 * @param maxCandles         the most candles in one consensus request; default
 *                           {@value MarketDataLimits#DEFAULT_MAX_CANDLES}
 * @param maxIndicators      the most supplied indicators in one request; default
 *                           {@value MarketDataLimits#DEFAULT_MAX_INDICATORS}
 * @param maxIndicatorLength the longest supplied indicator value (characters of a text, numbers of a list);
 *                           default {@value MarketDataLimits#DEFAULT_MAX_INDICATOR_LENGTH}
 * @param bind     where the server listens when {@code server.address} is not set
 * @param cors     which browser origins may call the API
 */
@ConfigurationProperties("llm")
public record LlmServiceProperties(
        String providers,
        @DefaultValue(DEFAULT_DEADLINE) Duration deadline,
        @DefaultValue Policy policy,
        @DefaultValue Health health,
        @DefaultValue Token admin,
        @DefaultValue Token api,
        @DefaultValue State state,
        @DefaultValue Registry registry,
        @DefaultValue Web web,
        Long maxRequestBytes,
        Integer maxCandles,
        Integer maxIndicators,
        Integer maxIndicatorLength,
        @DefaultValue Bind bind,
        @DefaultValue Cors cors) {

    public static final String DEFAULT_DEADLINE = "30s";
    public static final String DEFAULT_MARGIN = "0.10";
    public static final String DEFAULT_MIN_LEAD = "0.25";
    public static final String DEFAULT_QUORUM_WEIGHT = "0.5";
    public static final String DEFAULT_MIN_VOTES = "2";
    public static final String DEFAULT_MIN_AVAILABLE = "2";
    public static final String DEFAULT_POLL_INTERVAL = "1s";
    /** 4 MiB: over twice what 5,000 candles and the most indicators take in the most verbose accepted JSON. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4_194_304;
    public static final long MIN_MAX_REQUEST_BYTES = 1_024;
    /** 1 GiB: a body is held in memory whole, and twice while it is turned into text. */
    public static final long MAX_MAX_REQUEST_BYTES = 1_073_741_824;
    public static final String MAX_REQUEST_BYTES_VARIABLE = "LLM_MAX_REQUEST_BYTES";
    static final String MAX_REQUEST_BYTES_ACCEPTED =
            "a whole number of bytes from " + MIN_MAX_REQUEST_BYTES + " to " + MAX_MAX_REQUEST_BYTES;
    public static final String DEFAULT_BODY_TIMEOUT = "20s";
    public static final String DEFAULT_WORKER_IDLE_TIMEOUT = "10s";

    public LlmServiceProperties {
        List<String> problems = new ArrayList<>();
        positive("llm.deadline", deadline, problems);
        fraction(problems, "llm.policy.margin", policy.margin());
        fraction(problems, "llm.policy.min-lead", policy.minLead());
        fraction(problems, "llm.policy.quorum-weight", policy.quorumWeight());
        if (policy.minVotes() < 1) {
            problems.add("llm.policy.min-votes was '" + policy.minVotes() + "' but it must be at least 1");
        }
        if (health.minAvailable() < 1) {
            problems.add("llm.health.min-available was '" + health.minAvailable() + "' but it must be at least 1");
        }
        if (state.pollInterval().isNegative()) {
            problems.add("llm.state.poll-interval was '" + state.pollInterval()
                    + "' but it must be 0 (off) or a positive duration");
        }
        if (maxRequestBytes != null && !requestBytesInRange(maxRequestBytes)) {
            problems.add(new ConfigProblem("llm.max-request-bytes (" + MAX_REQUEST_BYTES_VARIABLE + ")",
                    maxRequestBytes.toString(), MAX_REQUEST_BYTES_ACCEPTED).message());
        }
        MarketDataLimits.problems(maxCandles, maxIndicators, maxIndicatorLength,
                        "llm.max-candles (" + MarketDataLimits.MAX_CANDLES_VARIABLE + ")",
                        "llm.max-indicators (" + MarketDataLimits.MAX_INDICATORS_VARIABLE + ")",
                        "llm.max-indicator-length (" + MarketDataLimits.MAX_INDICATOR_LENGTH_VARIABLE + ")")
                .stream().map(ConfigProblem::message).forEach(problems::add);
        positive("llm.web.body-timeout", web.bodyTimeout(), problems);
        positive("llm.web.worker-idle-timeout", web.workerIdleTimeout(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Adds {@code name}'s problem when {@code value} is not greater than 0. */
    private static void positive(String name, Duration value, List<String> problems) {
        if (value.isZero() || value.isNegative()) {
            problems.add(name + " was '" + value + "' but it must be greater than 0");
        }
    }

    private static boolean requestBytesInRange(long bytes) {
        return bytes >= MIN_MAX_REQUEST_BYTES && bytes <= MAX_MAX_REQUEST_BYTES;
    }

    /**
     * {@code llm.max-request-bytes}, else {@value #MAX_REQUEST_BYTES_VARIABLE} in {@code env} (the process
     * environment over {@code .env}), else {@value #DEFAULT_MAX_REQUEST_BYTES}.
     *
     * @throws InvalidSettingException when the variable is not a whole number in range, naming it and its value
     */
    public long maxRequestBytes(Environment env) {
        if (maxRequestBytes != null) {
            return maxRequestBytes;
        }
        String raw = env.get(MAX_REQUEST_BYTES_VARIABLE);
        if (raw == null || raw.isBlank()) {
            return DEFAULT_MAX_REQUEST_BYTES;
        }
        try {
            long bytes = Long.parseLong(raw.strip());
            if (requestBytesInRange(bytes)) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(
                new ConfigProblem(MAX_REQUEST_BYTES_VARIABLE, raw, MAX_REQUEST_BYTES_ACCEPTED).message());
    }

    /**
     * The market data limits of a consensus request: each of {@code llm.max-candles}, {@code llm.max-indicators}
     * and {@code llm.max-indicator-length}, else its variable in {@code env} (the process environment over
     * {@code .env}), else its default.
     *
     * @throws InvalidSettingException naming every variable that is invalid, with its value
     */
    public MarketDataLimits marketDataLimits(Environment env) {
        Map<String, String> properties = new HashMap<>();
        if (maxCandles != null) {
            properties.put(MarketDataLimits.MAX_CANDLES_VARIABLE, maxCandles.toString());
        }
        if (maxIndicators != null) {
            properties.put(MarketDataLimits.MAX_INDICATORS_VARIABLE, maxIndicators.toString());
        }
        if (maxIndicatorLength != null) {
            properties.put(MarketDataLimits.MAX_INDICATOR_LENGTH_VARIABLE, maxIndicatorLength.toString());
        }
        try {
            return MarketDataLimits.fromEnvironment(Environment.of(properties).orElse(env));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage());
        }
    }

    private static void fraction(List<String> problems, String property, double value) {
        if (Double.isNaN(value) || value < 0.0 || value > 1.0) {
            problems.add(property + " was '" + value + "' but it must be a number from 0.0 to 1.0");
        }
    }

    /**
     * The consensus rule's thresholds, as fractions of W, the total weight of the providers asked.
     *
     * @param margin        BUY or SELL must beat the other direction by at least this times W; default 0.10
     * @param minLead       the leading direction's score must be at least this times W; default 0.25
     * @param quorumWeight  the responding weight must be at least this times W; default 0.5
     * @param minVotes      the quorum also needs at least this many ok votes; default 2
     * @param earlyDecision return as soon as pending providers can no longer change the decision; default true
     */
    public record Policy(
            @DefaultValue(DEFAULT_MARGIN) double margin,
            @DefaultValue(DEFAULT_MIN_LEAD) double minLead,
            @DefaultValue(DEFAULT_QUORUM_WEIGHT) double quorumWeight,
            @DefaultValue(DEFAULT_MIN_VOTES) int minVotes,
            @DefaultValue("true") boolean earlyDecision) {
    }

    /**
     * @param minAvailable usable providers needed for UP; one fewer but at least one is OUT_OF_SERVICE, none is
     *                     DOWN. Default 2, the consensus quorum's minimum number of votes
     * @param checkOnRead  run live health checks (network I/O, bounded by each provider's timeout) whenever the
     *                     health endpoint is read; default false: report the last known checks
     */
    public record Health(
            @DefaultValue(DEFAULT_MIN_AVAILABLE) int minAvailable,
            @DefaultValue("false") boolean checkOnRead) {
    }

    /**
     * A bearer token; {@code toString} masks it.
     *
     * @param token the token; unset or blank means none is configured
     */
    public record Token(String token) {

        public Token {
            token = token == null || token.isBlank() ? null : token.strip();
        }

        public boolean configured() {
            return token != null;
        }

        @Override
        public String toString() {
            return "Token[" + (token == null ? "none" : ApiKey.mask(token)) + "]";
        }
    }

    /**
     * @param file         the override file; default core's rule: {@code LLM_STATE_FILE}, else
     *                     {@code ~/.llm-service/state.json}
     * @param pollInterval how often the server looks for changes made by the CLI; 0 switches watching off;
     *                     default 1 s, so a change is applied within 2 s
     */
    public record State(Path file, @DefaultValue(DEFAULT_POLL_INTERVAL) Duration pollInterval) {
    }

    /**
     * @param initialize fill the registry from the environment during start-up, before requests are served;
     *                   default true. Switch off when the application fills its own registry bean.
     */
    public record Registry(@DefaultValue("true") boolean initialize) {
    }

    /**
     * @param enabled     serve the {@code /api/v1} REST API (when Spring MVC is present); default true
     * @param bodyTimeout how long a client may take to send a request body where bodies are read before the request
     *                    is handled ({@code BodyBufferingFilter}, which the server registers): 408 after it; default 20 s
     * @param workerIdleTimeout how long a Tomcat worker thread beyond the spare ones lives without work in the server
     *                    ({@code llm-service-server}; Tomcat's own is a minute); default 10 s
     */
    public record Web(@DefaultValue("true") boolean enabled, @DefaultValue(DEFAULT_BODY_TIMEOUT) Duration bodyTimeout,
                      @DefaultValue(DEFAULT_WORKER_IDLE_TIMEOUT) Duration workerIdleTimeout) {
    }

    /**
     * @param address the address to listen on when {@code server.address} is not set ({@code LLM_BIND_ADDRESS}, also
     *                read from {@code .env}); unset: every interface with an API token, else 127.0.0.1 only
     */
    public record Bind(String address) {
    }

    /**
     * @param origins the browser origins allowed to call the API and the {@code llmproviders} endpoint, comma-separated,
     *                each {@code *} or {@code scheme://host[:port]} ({@code LLM_CORS_ORIGINS}, also read from
     *                {@code .env}); unset: none
     */
    public record Cors(String origins) {
    }
}
