package dev.llmservice.spring.security;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.llmservice.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

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

    private static final URI BLANK_TYPE = URI.create("about:blank");
    /**
     * Core's shared mapper with Spring's own Jackson mix-in for {@link ProblemDetail} ({@code properties} at the
     * top level, empty fields left out). A mix-in is a mapper setting, which no writer can carry: hence a
     * {@code copy()} of the shared mapper, not a mapper configured here.
     */
    private static final ObjectWriter PROBLEM_WRITER = Json.mapper().copy()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .writerFor(ProblemDetail.class);

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
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        AccessLevel level = rules.levelOf(request.getMethod(), path);
        String authorization = request.getHeader("Authorization");
        boolean admin = adminToken != null && adminToken.matchesHeader(authorization);
        boolean reader = apiToken == null || admin || apiToken.matchesHeader(authorization);
        switch (level) {
            case OPEN -> chain.doFilter(reader && rules.isHealth(path) && request.getUserPrincipal() == null
                    ? new ReaderRequest(request) : request, response);
            case READ -> {
                if (reader) {
                    chain.doFilter(admin ? new AdminRequest(request) : request, response);
                } else {
                    unauthorized(request, response, "this operation needs Authorization: Bearer <LLM_API_TOKEN>");
                }
            }
            case ADMIN -> {
                if (adminToken == null) {
                    problem(request, response, HttpStatus.FORBIDDEN,
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
        problem(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    /**
     * The problem: title the status's reason phrase, instance the request's path, type {@code about:blank} spelled
     * out (Spring 7 leaves it out, which RFC 9457 reads the same; these documents have always carried it).
     */
    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(BLANK_TYPE);
        problem.setInstance(instance(request));
        byte[] body = PROBLEM_WRITER.writeValueAsBytes(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request's path as Spring MVC sets it; none when the raw path is no valid URI (then there is no link). */
    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
