package dev.llmservice.spring.security;

import dev.llmservice.spring.web.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CORS for this starter's paths (the API, the OpenAI-compatible {@code /v1} and the {@code llmproviders} endpoint),
 * in front of the token filter, so that a browser's preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}), which
 * never carries a token, is answered as CORS says instead of with 401 or 403.
 *
 * <ul>
 *   <li>No origin configured (the default): a preflight gets 200 without CORS headers, so the browser refuses the
 *       call; other requests pass untouched.</li>
 *   <li>Origins configured ({@code LLM_CORS_ORIGINS}, comma-separated, or {@code *}): a listed origin's preflight gets
 *       the CORS headers (methods GET, HEAD, POST; headers Authorization, Content-Type; cached 30 min) and its requests
 *       {@code Access-Control-Allow-Origin}, answers from the token filter included; any other origin gets 403
 *       {@code application/problem+json}. The token rules still apply to every request that is not a preflight.</li>
 * </ul>
 *
 * Spring's {@link DefaultCorsProcessor} decides and writes the headers, as in Spring's own {@code CorsFilter}; a
 * refusal is a problem document here rather than its plain-text "Invalid CORS request". Paths of the application's
 * own are left to the application's CORS settings.
 */
public class ApiCorsFilter extends OncePerRequestFilter {

    /** Variable listing the allowed origins, also looked up in {@code .env}. */
    public static final String ORIGINS_VARIABLE = "LLM_CORS_ORIGINS";
    static final long MAX_AGE_SECONDS = 1800;
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s@]+", Pattern.CASE_INSENSITIVE);

    private final AccessRules rules;
    /** {@code null} when no origin is allowed: no CORS headers for anyone. */
    private final CorsConfiguration configuration;
    private final CorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // The filter answers the refusal, with the request's path in the problem.
        }
    };

    /** @param origins as {@link #parseOrigins} returns them; empty: no cross-origin access */
    public ApiCorsFilter(AccessRules rules, List<String> origins) {
        this.rules = rules;
        this.configuration = configuration(origins);
    }

    private static CorsConfiguration configuration(List<String> origins) {
        if (origins.isEmpty()) {
            return null;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        config.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
        config.setMaxAge(MAX_AGE_SECONDS);
        return config;
    }

    /**
     * The allowed origins from a comma-separated list, each {@code *} or {@code scheme://host[:port]}; {@code null} or
     * blank is none.
     *
     * @throws IllegalArgumentException naming every invalid entry
     */
    public static List<String> parseOrigins(String raw) {
        List<String> origins = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (raw != null) {
            for (String entry : raw.split(",")) {
                String origin = entry.strip();
                if (origin.isEmpty()) {
                    continue;
                }
                if (origin.equals("*") || ORIGIN.matcher(origin).matches()) {
                    origins.add(origin);
                } else {
                    invalid.add("'" + origin + "'");
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException(ORIGINS_VARIABLE + " had " + String.join(", ", invalid) + " but each "
                    + "origin must be * or scheme://host[:port] without a path, comma-separated, e.g. "
                    + "https://app.example.com,http://localhost:3000");
        }
        return List.copyOf(origins);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !rules.isGuarded(AccessRules.pathOf(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!processor.processRequest(configuration, request, response)) {
            ProblemResponse.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "this origin may not call the API from a browser: it is not among " + ORIGINS_VARIABLE, Map.of());
            return;
        }
        if (!CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
        }
        // A preflight is answered here: 200, with the CORS headers when its origin is allowed.
    }
}
