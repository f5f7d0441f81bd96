package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.config.Excerpt;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.json.Json;
import dev.llmservice.status.ProviderCatalog;

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
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code llm-providers --url URL [--token T] ACTION}: the action against a running server's REST API
 * ({@code /api/v1/providers/...}) instead of this process's providers. The server's JSON is printed as it came
 * with {@code --json}; otherwise a short rendering of it.
 */
final class RemoteOperations {

    /** What a remote call produced: the text for standard output or error, and the exit code. */
    record Outcome(int exitCode, String out, String err) {
    }

    static final String CONSENSUS_PATH = "/api/v1/consensus";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a remote {@code --test} or {@code --health-check} waits for the vendors. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private static final String N = System.lineSeparator();

    private final URI base;
    private final String token;
    private final boolean json;
    private final HttpClient http;

    RemoteOperations(URI base, String token, boolean json) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Validates {@code --url}: an absolute http(s) URL with a host; {@code null} when it is not one. */
    static URI parseUrl(String url) {
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                return null;
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    Outcome status() {
        return call("GET", "/api/v1/providers", null, body -> new Outcome(LlmProvidersCommand.OK,
                summaryText("Providers on " + base, body), ""));
    }

    /** The server's provider types and variables, shown as the local {@code --list} shows this process's. */
    Outcome list() {
        return call("GET", "/api/v1/provider-types", null, body -> {
            ProviderCatalog catalog = catalog(body);
            return catalog == null
                    ? failure(LlmProvidersCommand.CHECK_FAILED, "GET /api/v1/provider-types on " + base
                            + " answered without provider_types and variables: is it an llm-service server?")
                    : new Outcome(LlmProvidersCommand.OK, LlmProvidersCommand.listText(catalog, base.toString()), "");
        });
    }

    private static ProviderCatalog catalog(JsonNode body) {
        if (!body.path("provider_types").isArray() || !body.path("variables").isArray()) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(body, ProviderCatalog.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    Outcome reinit() {
        return call("POST", "/api/v1/providers/reinit", null, body -> new Outcome(LlmProvidersCommand.OK,
                summaryText("Re-initialised " + base + ".", body), ""));
    }

    Outcome disable(String name) {
        return enable(name, false);
    }

    Outcome enable(String name, boolean enabled) {
        return call("POST", "/api/v1/providers/" + encode(name) + (enabled ? "/enable" : "/disable"), name, body -> {
            String state = body.path("state").asText("?");
            boolean stillUnavailable = enabled && !body.path("available").asBoolean(false);
            String text = body.path("name").asText(name) + ": " + words(state) + " ("
                    + body.path("state_source").asText("?") + ") on " + base
                    + (stillUnavailable ? "; still unavailable" + problems(body) : "") + N;
            return new Outcome(stillUnavailable ? LlmProvidersCommand.CHECK_FAILED : LlmProvidersCommand.OK, text, "");
        });
    }

    Outcome clearOverride(String name) {
        return call("POST", "/api/v1/providers/" + encode(name) + "/clear-override", name, body -> new Outcome(
                LlmProvidersCommand.OK, body.path("name").asText(name) + ": override cleared on " + base + "; now "
                        + words(body.path("state").asText("?")) + " (" + body.path("state_source").asText("?") + ")" + N,
                ""));
    }

    Outcome test(String name) {
        return call("POST", "/api/v1/providers/" + encode(name) + "/test", name, body -> {
            boolean ok = body.path("success").asBoolean(false);
            StringBuilder sb = new StringBuilder(body.path("provider").asText(name))
                    .append(ok ? ": ok" : ": FAILED: " + words(body.path("failure").asText("unknown"))).append(N);
            Table t = new Table("", "");
            t.row("model", body.path("model").asText(""));
            t.row("latency", body.path("latency_ms").asLong() + " ms");
            if (ok) {
                t.row("tokens", body.path("input_tokens").asInt() + " in, " + body.path("output_tokens").asInt() + " out");
                t.row("finish", body.path("finish_reason").asText(""));
                t.row("reply", body.path("reply").asText(""));
            } else {
                t.row("message", body.path("message").asText(""));
            }
            t.render().lines().skip(1).forEach(l -> sb.append("  ").append(l).append(N));
            return new Outcome(ok ? LlmProvidersCommand.OK : LlmProvidersCommand.CHECK_FAILED, sb.toString(), "");
        });
    }

    /**
     * {@code POST /api/v1/consensus} with the market data: the server's result shown by {@code text} (as a local
     * run shows its own), or with {@code --json} the server's document; exit 0 decided, 1 not. A 400 is exit 2 with
     * each invalid field the server named on its own line of {@link Outcome#err()}.
     *
     * @param marketDataJson the market data in the JSON format the server reads
     */
    Outcome consensus(String marketDataJson, Function<ConsensusResult, String> text) {
        return call("POST", CONSENSUS_PATH, null, marketDataJson, body -> {
            ConsensusResult result;
            try {
                result = ConsensusJson.fromNode(body);
            } catch (IllegalArgumentException e) {
                return failure(LlmProvidersCommand.CHECK_FAILED, "POST " + CONSENSUS_PATH + " on " + base
                        + " answered with something else than a consensus result (" + e.getMessage() + ")");
            }
            return new Outcome(result.isDecided() ? LlmProvidersCommand.OK : LlmProvidersCommand.CHECK_FAILED,
                    text.apply(result), "");
        }, this::invalidMarketData);
    }

    /** The server's 400 problem: one line per invalid field, as {@code field was 'value': message}. */
    private Outcome invalidMarketData(JsonNode problem) {
        JsonNode errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            String detail = text(problem, "detail").isBlank() ? null : oneLine(text(problem, "detail"));
            return failure(LlmProvidersCommand.USAGE, base + " rejected the market data (HTTP 400"
                    + suffix(detail) + "); no provider was asked");
        }
        int n = errors.size();
        StringBuilder sb = new StringBuilder(base + " rejected the market data (" + n
                + (n == 1 ? " problem" : " problems") + "); no provider was asked:");
        for (JsonNode e : errors) {
            String value = e.path("value").isValueNode() && !e.path("value").isNull() ? e.path("value").asText() : null;
            sb.append(N).append("  ").append(oneLine(text(e, "field")))
                    .append(value == null ? "" : " was " + Excerpt.quoted(value))
                    .append(": ").append(oneLine(text(e, "message")));
        }
        return failure(LlmProvidersCommand.USAGE, sb.toString());
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    Outcome healthCheck() {
        return call("POST", "/api/v1/providers/health-check", null, body -> {
            int checked = body.path("checked").asInt();
            int healthy = body.path("healthy").asInt();
            boolean ok = checked > 0 && healthy == checked;
            if (checked == 0) {
                return new Outcome(LlmProvidersCommand.CHECK_FAILED, "No enabled provider to check on " + base + "." + N,
                        "");
            }
            Table t = new Table("NAME", "HEALTH", "LATENCY", "REASON", "MESSAGE");
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path("results").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode r = e.getValue();
                t.row(e.getKey(), r.path("healthy").asBoolean() ? "healthy" : "unhealthy",
                        r.path("latency_ms").asLong() + " ms", words(text(r, "reason")), text(r, "message"));
            }
            return new Outcome(ok ? LlmProvidersCommand.OK : LlmProvidersCommand.CHECK_FAILED, t.render() + N
                    + "Checked " + checked + " on " + base + ": " + healthy + " healthy, " + (checked - healthy)
                    + " unhealthy." + N, "");
        });
    }

    // --------------------------------------------------------------------------------------------------------------

    private interface Render {
        Outcome apply(JsonNode body);
    }

    /** @param provider the provider the path names, so that a 404 means an unknown provider; else {@code null} */
    private Outcome call(String method, String path, String provider, Render render) {
        return call(method, path, provider, null, render, null);
    }

    /**
     * @param jsonBody   the request body, sent as {@code application/json}; {@code null} for none
     * @param badRequest renders the JSON body of an HTTP 400; {@code null}: a 400 is a failure like any non-2xx
     */
    private Outcome call(String method, String path, String provider, String jsonBody, Render render,
                         Render badRequest) {
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
            return failure(LlmProvidersCommand.CHECK_FAILED, "cannot reach " + base + ": no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return failure(LlmProvidersCommand.CHECK_FAILED, base + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return failure(LlmProvidersCommand.CHECK_FAILED, "cannot reach " + base + ": connection refused");
        } catch (IOException e) {
            return failure(LlmProvidersCommand.CHECK_FAILED, "cannot reach " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(LlmProvidersCommand.CHECK_FAILED, "interrupted while waiting for " + base);
        }

        int status = response.statusCode();
        String detail = detail(response.body());
        String where = method + " " + uri.getPath();
        switch (status) {
            case 401 -> {
                return failure(LlmProvidersCommand.CHECK_FAILED, base + " refused the request (HTTP 401 unauthorized"
                        + suffix(detail) + "); " + (token == null
                                ? "pass --token or set LLM_ADMIN_TOKEN" : "check the token (--token or LLM_ADMIN_TOKEN)"));
            }
            case 403 -> {
                return failure(LlmProvidersCommand.CHECK_FAILED, base + " refused the request (HTTP 403 forbidden"
                        + suffix(detail) + ")");
            }
            case 404 -> {
                return provider != null
                        ? failure(LlmProvidersCommand.USAGE, "unknown provider '" + provider + "' on " + base
                                + (detail == null ? "" : ": " + detail))
                        : failure(LlmProvidersCommand.CHECK_FAILED, base + " has no " + where
                                + " (HTTP 404): is it an llm-service server?");
            }
            case 400 -> {
                if (badRequest != null) {
                    JsonNode problem = jsonObject(response.body());
                    return badRequest.apply(problem == null ? Json.mapper().createObjectNode() : problem);
                }
            }
            default -> {
                // fall through to the checks below
            }
        }
        if (status < 200 || status > 299) {
            return failure(LlmProvidersCommand.CHECK_FAILED, where + " on " + base + " answered HTTP " + status
                    + suffix(detail));
        }
        JsonNode body = jsonObject(response.body());
        if (body == null) {
            return failure(LlmProvidersCommand.CHECK_FAILED, where + " on " + base
                    + " answered HTTP " + status + " without a JSON object: is it an llm-service server?");
        }
        Outcome rendered = render.apply(body);
        if (json && rendered.err().isEmpty()) {
            try {
                return new Outcome(rendered.exitCode(),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body) + N, "");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return rendered;
    }

    private static JsonNode jsonObject(String text) {
        try {
            JsonNode n = Json.mapper().readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Outcome failure(int exitCode, String message) {
        return new Outcome(exitCode, "", message);
    }

    /** The {@code detail} (RFC 9457 problem) or {@code error}/{@code message} of an error body, if any. */
    private static String detail(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n != null && n.isObject()) {
                for (String field : new String[] {"detail", "message", "error"}) {
                    if (n.hasNonNull(field) && n.get(field).isValueNode() && !n.get(field).asText().isBlank()) {
                        return n.get(field).asText().strip().replaceAll("\\s+", " ");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: no detail
        }
        return null;
    }

    private static String suffix(String detail) {
        return detail == null ? "" : ": " + detail;
    }

    private static String summaryText(String heading, JsonNode body) {
        JsonNode registry = body.path("registry");
        StringBuilder sb = new StringBuilder(heading).append(N)
                .append("Providers: ").append(registry.path("total_providers").asInt()).append(" registered, ")
                .append(registry.path("available_providers").asInt()).append(" available").append(N).append(N);
        JsonNode providers = body.path("providers");
        if (!providers.isArray() || providers.isEmpty()) {
            return sb.append("No providers.").append(N).toString();
        }
        Table t = new Table("NAME", "STATE", "SOURCE", "MODEL", "WEIGHT", "API KEY", "HEALTH");
        for (JsonNode p : providers) {
            JsonNode health = p.path("health");
            t.row(text(p, "name"), words(text(p, "state")), text(p, "state_source"), text(p, "model"),
                    p.path("weight").asText(""), dash(text(p, "api_key")),
                    health.isObject() ? (health.path("healthy").asBoolean() ? "healthy" : "unhealthy") : "-");
        }
        return sb.append(t.render()).toString();
    }

    private static String problems(JsonNode provider) {
        JsonNode problems = provider.path("problems");
        if (!problems.isArray() || problems.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(": ");
        problems.forEach(p -> sb.append(sb.length() > 2 ? "; " : "").append(p.asText()));
        return sb.toString();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static String words(String code) {
        return code == null ? "" : code.replace('_', ' ');
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
