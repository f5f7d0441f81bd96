package dev.llmservice.spring.dashboard;

import dev.llmservice.journal.JournalException;
import dev.llmservice.operations.UnknownDecisionException;
import dev.llmservice.spring.security.AccessRules;
import dev.llmservice.spring.security.TokenAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard: {@code GET /} (the page), its fragments under {@code /dashboard} (what htmx swaps in when an event
 * says something changed, or when the page was served without data because {@code LLM_API_TOKEN} is set) and
 * {@code GET /swagger-ui}.
 *
 * <table>
 *   <caption>Requests</caption>
 *   <tr><th>request</th><th>answer</th><th>access</th></tr>
 *   <tr><td>GET {@code /}</td><td>the page; with the data when the caller may read (no API token configured),
 *       else with a token form and the data fetched by the page with the token</td><td>open</td></tr>
 *   <tr><td>GET {@code /dashboard/providers}</td><td>the providers table and the day's spend</td><td>read</td></tr>
 *   <tr><td>GET {@code /dashboard/decisions}</td><td>the newest decisions with their votes</td><td>read</td></tr>
 *   <tr><td>GET {@code /dashboard/decisions/{id}}</td><td>one decision's votes with their reasoning</td><td>read</td></tr>
 *   <tr><td>GET {@code /dashboard/events}</td><td>server-sent events {@code providers} and {@code decisions}, names
 *       only ({@link DashboardEvents})</td><td>open</td></tr>
 *   <tr><td>GET {@code /swagger-ui}</td><td>Swagger UI for {@code /openapi.yaml}</td><td>open</td></tr>
 * </table>
 * Every write (the page's buttons) goes to the existing {@code /api/v1} operations with the admin token.
 */
@Controller
public class DashboardController {

    /**
     * The page runs only its own scripts and styles from this server: no inline script or style, no eval, no
     * other origin; it cannot be framed, and forms post nowhere (the buttons call the API with {@code fetch}).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    /**
     * Swagger UI sets inline styles and loads its own images; it needs a looser policy for styles only, and still
     * runs no inline or foreign script.
     */
    public static final String SWAGGER_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /** The page's template; its fragments {@code providers}, {@code decisions} and {@code reasoning}. */
    public static final String TEMPLATE = "llm-dashboard/index";

    private final DashboardView view;
    private final DashboardEvents events;

    public DashboardController(DashboardView view, DashboardEvents events) {
        this.view = view;
        this.events = events;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        secure(response, CONTENT_SECURITY_POLICY);
        boolean readable = Boolean.TRUE.equals(request.getAttribute(TokenAuthenticationFilter.READ_ACCESS_ATTRIBUTE));
        model.addAttribute("readable", readable);
        model.addAttribute("base", AccessRules.DASHBOARD_BASE_PATH);
        if (readable) {
            model.addAttribute("providers", view.providers());
            model.addAttribute("decisions", view.decisions());
        }
        return TEMPLATE;
    }

    @GetMapping(path = AccessRules.DASHBOARD_BASE_PATH + "/providers", produces = MediaType.TEXT_HTML_VALUE)
    public String providers(HttpServletResponse response, Model model) {
        noStore(response);
        model.addAttribute("providers", view.providers());
        return TEMPLATE + " :: providers";
    }

    @GetMapping(path = AccessRules.DASHBOARD_BASE_PATH + "/decisions", produces = MediaType.TEXT_HTML_VALUE)
    public String decisions(HttpServletResponse response, Model model) {
        noStore(response);
        model.addAttribute("decisions", view.decisions());
        return TEMPLATE + " :: decisions";
    }

    @GetMapping(path = AccessRules.DASHBOARD_BASE_PATH + "/decisions/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public String decision(@PathVariable String id, HttpServletResponse response, Model model) {
        noStore(response);
        model.addAttribute("decision", view.decision(id));
        return TEMPLATE + " :: reasoning";
    }

    @GetMapping(path = AccessRules.DASHBOARD_EVENTS_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> events() {
        SseEmitter emitter = events.subscribe();
        if (emitter == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30").build();
        }
        return ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    @GetMapping(path = "/swagger-ui", produces = MediaType.TEXT_HTML_VALUE)
    public String swaggerUi(HttpServletResponse response) {
        secure(response, SWAGGER_CONTENT_SECURITY_POLICY);
        return "llm-dashboard/swagger-ui";
    }

    /** A fragment's failure as a short text the page shows in place of the fragment. */
    @ExceptionHandler(UnknownDecisionException.class)
    public ResponseEntity<String> unknownDecision(UnknownDecisionException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler(JournalException.class)
    public ResponseEntity<String> journalDown(JournalException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .body("the decision journal cannot be read: " + e.getMessage());
    }

    private static void secure(HttpServletResponse response, String policy) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        noStore(response);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
