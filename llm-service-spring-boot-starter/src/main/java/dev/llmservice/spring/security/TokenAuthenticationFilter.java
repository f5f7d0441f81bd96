package dev.llmservice.spring.security;

import dev.llmservice.spring.openai.OpenAiError;
import dev.llmservice.spring.web.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;

/**
 * Enforces {@link AccessRules} with static bearer tokens.
 *
 * <ul>
 *   <li>ADMIN: no admin token configured: 403, never open. Missing or wrong token: 401 with
 *       {@code WWW-Authenticate: Bearer}. The right one: the request goes on with a principal in role
 *       {@value #ADMIN_ROLE}, which the Actuator write operations check again.</li>
 *   <li>READ: open when no API token is configured; otherwise the API token or the admin token.</li>
 *   <li>OPEN: passes untouched, except Actuator health: a caller with read access (anyone when no API token
 *       is configured) goes on with a principal, so that
 *       {@code management.endpoint.health.show-details=when-authorized} shows the providers' details exactly
 *       to those who may read their status. A principal set before this filter (Spring Security) is kept.</li>
 * </ul>
 *
 * <p>Why not Spring Security: two static tokens need no user store, sessions or CSRF, and a starter that pulled
 * Spring Security in would lock down the embedding application's own endpoints by default. Errors are
 * {@code application/problem+json}, written here because a filter runs before Spring MVC's handlers. No
 * token is ever logged or echoed.
 */
public class TokenAuthenticationFilter extends OncePerRequestFilter {

    /** The role an admin-token request carries. */
    public static final String ADMIN_ROLE = "LLM_ADMIN";
    static final String REALM = "llm-service";
    /**
     * Request attribute ({@link Boolean}) on every request this filter passes on: whether the caller may read the
     * status (no API token configured, or it sent the API or admin token). The dashboard page shows data only then.
     */
    public static final String READ_ACCESS_ATTRIBUTE = TokenAuthenticationFilter.class.getName() + ".READ_ACCESS";

    private final AccessRules rules;
    private final BearerToken adminToken;
    private final BearerToken apiToken;

    /** @param adminToken {@code null} when none is configured; @param apiToken {@code null} when reads are open */
    public TokenAuthenticationFilter(AccessRules rules, BearerToken adminToken, BearerToken apiToken) {
        this.rules = rules;
        this.adminToken = adminToken;
        this.apiToken = apiToken;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = AccessRules.pathOf(request);
        AccessLevel level = rules.levelOf(request.getMethod(), path);
        String authorization = request.getHeader("Authorization");
        boolean admin = adminToken != null && adminToken.matchesHeader(authorization);
        boolean reader = apiToken == null || admin || apiToken.matchesHeader(authorization);
        request.setAttribute(READ_ACCESS_ATTRIBUTE, reader);
        switch (level) {
            case OPEN -> chain.doFilter(reader && rules.isHealth(path) && request.getUserPrincipal() == null
                    ? new ReaderRequest(request) : request, response);
            case READ -> {
                if (reader) {
                    chain.doFilter(admin ? new AdminRequest(request) : request, response);
                } else if (rules.isOpenAi(path)) {
                    // OpenAI's shape and code, so that OpenAI's SDKs raise their AuthenticationError.
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
                    new OpenAiError(HttpServletResponse.SC_UNAUTHORIZED, OpenAiError.INVALID_REQUEST, null,
                            "invalid_api_key", "this endpoint needs Authorization: Bearer <LLM_API_TOKEN>, the "
                            + "server's API token (the SDK's api key)").write(response);
                } else {
                    unauthorized(request, response, "this operation needs Authorization: Bearer <LLM_API_TOKEN>");
                }
            }
            case ADMIN -> {
                if (adminToken == null) {
                    problem(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                            "administrative operations are disabled: no LLM_ADMIN_TOKEN is configured");
                } else if (admin) {
                    chain.doFilter(new AdminRequest(request), response);
                } else {
                    unauthorized(request, response, "this operation needs Authorization: Bearer <LLM_ADMIN_TOKEN>");
                }
            }
        }
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                                String detail) throws IOException {
        ProblemResponse.write(request, response, status, title, detail, Map.of());
    }

    /** A health request from a caller with read access: a principal, no role. */
    private static final class ReaderRequest extends HttpServletRequestWrapper {

        private static final Principal PRINCIPAL = () -> "llm-reader";

        ReaderRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return PRINCIPAL;
        }
    }

    /** The request as seen after the admin token was accepted. */
    private static final class AdminRequest extends HttpServletRequestWrapper {

        private static final Principal PRINCIPAL = () -> "llm-admin";

        AdminRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return PRINCIPAL;
        }

        @Override
        public boolean isUserInRole(String role) {
            return ADMIN_ROLE.equals(role) || super.isUserInRole(role);
        }
    }
}
