package dev.llmservice.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.ExitCode;
import dev.llmservice.config.Excerpt;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataJson;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.operations.ConsensusOperations;
import dev.llmservice.operations.HistoryReport;
import dev.llmservice.json.Json;
import dev.llmservice.operations.HealthReport;
import dev.llmservice.operations.OverrideReport;
import dev.llmservice.operations.ProviderOperations;
import dev.llmservice.operations.ReinitReport;
import dev.llmservice.operations.TestReport;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link ProviderOperations} and {@link ConsensusOperations} of a running server, through its REST API
 * ({@code /api/v1/...}): the server answers with the same report documents the local operations return, so the CLI
 * shows them the same way. Anything that keeps an operation from producing its report is a {@link RemoteFailure}
 * with its exit code.
 */
public final class RemoteOperations implements ProviderOperations, ConsensusOperations {

    public static final String CONSENSUS_PATH = "/api/v1/consensus";
    public static final String SCORECARD_PATH = "/api/v1/scorecard";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a remote test or health check waits for the vendors. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  the server, e.g. {@code http://localhost:8080}
     * @param token sent as {@code Authorization: Bearer}; {@code null} or blank for none
     */
    public RemoteOperations(URI base, String token) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The server, as given. */
    public URI base() {
        return base;
    }

    @Override
    public StatusSummary status() {
        return read(get("/api/v1/providers", null), StatusSummary.class, "registry", "providers");
    }

    @Override
    public ProviderCatalog catalog() {
        return read(get("/api/v1/provider-types", null), ProviderCatalog.class, "provider_types", "variables");
    }

    @Override
    public ProviderStatus provider(String name) {
        return read(get("/api/v1/providers/" + encode(name), name), ProviderStatus.class, "name", "state");
    }

    /** @param force asks the server to replace a damaged state file ({@code ?force=true}) */
    @Override
    public OverrideReport enable(String name, boolean force) {
        return providerAction(name, "enable" + force(force), OverrideReport.class, "action", "provider");
    }

    @Override
    public OverrideReport disable(String name, boolean force) {
        return providerAction(name, "disable" + force(force), OverrideReport.class, "action", "provider");
    }

    @Override
    public OverrideReport clearOverride(String name, boolean force) {
        return providerAction(name, "clear-override" + force(force), OverrideReport.class, "action", "provider");
    }

    private static String force(boolean force) {
        return force ? "?force=true" : "";
    }

    /** The server bounds its own calls: {@code timeout} and {@code onRetry} are not sent. */
    @Override
    public TestReport test(String name, Duration timeout, RetryListener onRetry) {
        return read(send("POST", "/api/v1/providers/" + encode(name) + "/test", name, null), TestReport.class, "name",
                "ok");
    }

    @Override
    public HealthStatus healthCheck(String name) {
        return providerAction(name, "health-check", HealthStatus.class, "healthy");
    }

    @Override
    public HealthReport healthCheckAll(Duration timeout, Consumer<HealthCheckResult> onResult) {
        return read(send("POST", "/api/v1/providers/health-check", null, null), HealthReport.class, "checked",
                "results");
    }

    @Override
    public ReinitReport reinit() {
        return read(send("POST", "/api/v1/providers/reinit", null, null), ReinitReport.class, "registry",
                "providers");
    }

    /** {@code POST /api/v1/consensus}: the market data (checked here first) as the JSON the server reads. */
    @Override
    public ConsensusResult consensus(MarketData marketData) {
        return consensus(MarketDataJson.toJson(marketData));
    }

    /** {@code GET /api/v1/consensus?pair=&since=&limit=&cursor=}. */
    @Override
    public HistoryReport history(HistoryQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pair", query.pair());
        parameters.put("since", query.since() == null ? null : query.since().toString());
        parameters.put("limit", Integer.toString(query.limit()));
        parameters.put("cursor", query.cursor());
        return read(send("GET", CONSENSUS_PATH + queryString(parameters), null, null), HistoryReport.class, "entries");
    }

    /** {@code GET /api/v1/consensus/{id}}; an id the server does not know is exit 1 with its answer. */
    @Override
    public ConsensusResult decision(String id) {
        return result(send("GET", CONSENSUS_PATH + "/" + encode(id), null, null));
    }

    /** {@code POST /api/v1/scorecard?horizon=&min_move=} with the market data; {@code min_move} in percent. */
    @Override
    public Scorecard scorecard(MarketData candles, int horizon, double minMove) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("horizon", Integer.toString(horizon));
        parameters.put("min_move", java.math.BigDecimal.valueOf(minMove).movePointRight(2).stripTrailingZeros()
                .toPlainString());
        return read(send("POST", SCORECARD_PATH + queryString(parameters), null, MarketDataJson.toJson(candles)),
                Scorecard.class, "pair", "providers", "consensus");
    }

    private static String queryString(Map<String, String> parameters) {
        StringBuilder q = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(encode(value));
            }
        });
        return q.toString();
    }

    /**
     * {@code POST /api/v1/consensus} with the market data.
     *
     * @param marketDataJson the market data in the JSON format the server reads
     * @throws RemoteFailure exit 2 with each invalid field the server named on its own line, for a 400
     */
    public ConsensusResult consensus(String marketDataJson) {
        return result(send("POST", CONSENSUS_PATH, null, marketDataJson));
    }

    private ConsensusResult result(Answer answer) {
        JsonNode body = object(answer);
        try {
            return ConsensusJson.fromNode(body);
        } catch (IllegalArgumentException e) {
            throw new RemoteFailure(ExitCode.CHECK_FAILED, answer.where() + " on " + base
                    + " answered with something else than a consensus result (" + e.getMessage() + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private <T> T providerAction(String name, String action, Class<T> type, String... required) {
        return read(send("POST", "/api/v1/providers/" + encode(name) + "/" + action, name, null), type, required);
    }

    private record Answer(String where, int status, String body) {
    }

    private Answer get(String path, String provider) {
        return send("GET", path, provider, null);
    }

    /**
     * One exchange; anything but a 2xx is a {@link RemoteFailure}.
     *
     * @param provider the provider the path names, so that a 404 means an unknown provider; else {@code null}
     * @param jsonBody the request body, sent as {@code application/json}; {@code null} for none
     */
    private Answer send(String method, String path, String provider, String jsonBody) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw failed("cannot reach " + base + ": no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw failed(base + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw failed("cannot reach " + base + ": connection refused");
        } catch (IOException e) {
            throw failed("cannot reach " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for " + base);
        }
        Answer answer = new Answer(method + " " + uri.getPath(), response.statusCode(), response.body());
        int status = answer.status();
        String detail = detail(answer.body());
        switch (status) {
            case 401 -> throw failed(base + " refused the request (HTTP 401 unauthorized" + suffix(detail) + "); "
                    + (token == null ? "pass --token or set LLM_ADMIN_TOKEN" : "check the token (--token or LLM_ADMIN_TOKEN)"));
            case 403 -> throw failed(base + " refused the request (HTTP 403 forbidden" + suffix(detail) + ")");
            case 404 -> {
                if (provider != null) {
                    throw new RemoteFailure(ExitCode.USAGE, "unknown provider '" + provider + "' on " + base
                            + (detail == null ? "" : ": " + detail));
                }
                if (uri.getPath().startsWith(CONSENSUS_PATH + "/") && detail != null) {
                    throw failed(detail + " on " + base);
                }
                throw failed(base + " has no " + answer.where() + " (HTTP 404): is it an llm-service server?");
            }
            case 400 -> {
                if (method.equals("POST") && (CONSENSUS_PATH.equals(uri.getPath())
                        || SCORECARD_PATH.equals(uri.getPath()))) {
                    throw invalidMarketData(answer);
                }
                throw new RemoteFailure(ExitCode.USAGE, base + " refused the request (HTTP 400" + suffix(detail) + ")");
            }
            default -> {
                // checked below
            }
        }
        if (status < 200 || status > 299) {
            throw failed(answer.where() + " on " + base + " answered HTTP " + status + suffix(detail));
        }
        return answer;
    }

    /** The server's 400 problem: one line per invalid field, as {@code field was 'value': message}. */
    private RemoteFailure invalidMarketData(Answer answer) {
        JsonNode problem = jsonObject(answer.body());
        JsonNode errors = problem == null ? null : problem.path("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            String detail = detail(answer.body());
            return new RemoteFailure(ExitCode.USAGE, base + " rejected the market data (HTTP 400" + suffix(detail)
                    + "); no provider was asked");
        }
        int n = errors.size();
        List<String> lines = new ArrayList<>();
        lines.add(base + " rejected the market data (" + n + (n == 1 ? " problem" : " problems")
                + "); no provider was asked:");
        for (JsonNode e : errors) {
            String value = e.path("value").isValueNode() && !e.path("value").isNull() ? e.path("value").asText() : null;
            lines.add("  " + oneLine(text(e, "field")) + (value == null ? "" : " was " + Excerpt.quoted(value))
                    + ": " + oneLine(text(e, "message")));
        }
        return new RemoteFailure(ExitCode.USAGE, lines);
    }

    /** The answer as a {@code type}, which must have every {@code required} field. */
    private <T> T read(Answer answer, Class<T> type, String... required) {
        JsonNode body = object(answer);
        for (String field : required) {
            if (!body.has(field)) {
                throw failed(answer.where() + " on " + base + " answered without " + field
                        + ": is it an llm-service server of this version?");
            }
        }
        try {
            return Json.mapper().treeToValue(body, type);
        } catch (IOException | IllegalArgumentException e) {
            throw failed(answer.where() + " on " + base + " answered a document this version cannot read ("
                    + oneLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    private JsonNode object(Answer answer) {
        JsonNode body = jsonObject(answer.body());
        if (body == null) {
            throw failed(answer.where() + " on " + base + " answered HTTP " + answer.status()
                    + " without a JSON object: is it an llm-service server?");
        }
        return body;
    }

    private static RemoteFailure failed(String message) {
        return new RemoteFailure(ExitCode.CHECK_FAILED, message);
    }

    private static JsonNode jsonObject(String text) {
        try {
            JsonNode n = Json.mapper().readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code detail} (RFC 9457 problem) or {@code error}/{@code message} of an error body, if any. */
    private static String detail(String body) {
        JsonNode n = jsonObject(body);
        if (n != null) {
            for (String field : new String[] {"detail", "message", "error"}) {
                if (n.hasNonNull(field) && n.get(field).isValueNode() && !n.get(field).asText().isBlank()) {
                    return oneLine(n.get(field).asText());
                }
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String suffix(String detail) {
        return detail == null ? "" : ": " + detail;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
