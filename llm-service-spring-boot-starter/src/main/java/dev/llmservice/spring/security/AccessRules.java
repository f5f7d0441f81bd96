package dev.llmservice.spring.security;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * Which requests need which token. The rules fail closed: under the API base path only reads and
 * {@code POST /consensus} and {@code POST /scorecard} (they change nothing but the journal and the day's spend) are
 * READ, every other method or path is ADMIN; under the Actuator
 * {@code llmproviders} endpoint only GET is READ.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>request</th><th>level</th></tr>
 *   <tr><td>GET/HEAD {@code /api/v1/**}</td><td>READ</td></tr>
 *   <tr><td>POST {@code /api/v1/consensus}, POST {@code /api/v1/scorecard}</td><td>READ</td></tr>
 *   <tr><td>any other method under {@code /api/v1} (enable, disable, clear-override, test, health-check, reinit)</td><td>ADMIN</td></tr>
 *   <tr><td>any method under {@code /v1} (the OpenAI-compatible endpoint: nothing there changes anything; a path or
 *   method it does not answer is its own 404 {@code unknown_url} or 405, in OpenAI's shape)</td><td>READ</td></tr>
 *   <tr><td>GET/HEAD {@code /actuator/llmproviders/**}</td><td>READ</td></tr>
 *   <tr><td>any other method under {@code /actuator/llmproviders} (write operations)</td><td>ADMIN</td></tr>
 *   <tr><td>GET {@code /dashboard/events} (the dashboard's event stream: event names only, no data)</td><td>OPEN</td></tr>
 *   <tr><td>GET/HEAD {@code /dashboard/**} (the dashboard's fragments: the same data as the API's reads)</td><td>READ</td></tr>
 *   <tr><td>any other method under {@code /dashboard}</td><td>ADMIN</td></tr>
 *   <tr><td>anything else</td><td>OPEN</td></tr>
 * </table>
 *
 * <p>The Actuator {@code health} endpoint stays OPEN for probes; {@link #isHealth} tells the filter where a
 * caller's read access decides whether health shows details.
 */
public final class AccessRules {

    public static final String API_BASE_PATH = "/api/v1";
    public static final String ENDPOINT_ID = "llmproviders";
    /** Where the dashboard's fragments are; the page itself ({@code /}) holds data only for a caller with read access. */
    public static final String DASHBOARD_BASE_PATH = "/dashboard";
    /**
     * The dashboard's server-sent events. OPEN because a browser's {@code EventSource} cannot send an
     * {@code Authorization} header: the stream says only that something changed ({@code providers},
     * {@code decisions}), and the page then fetches the fragments with its token.
     */
    public static final String DASHBOARD_EVENTS_PATH = DASHBOARD_BASE_PATH + "/events";
    /** Where the OpenAI-compatible endpoint lives: OpenAI's own paths, so SDKs need only a base URL. */
    public static final String OPENAI_BASE_PATH = "/v1";

    private final String apiBase;
    private final String openAiBase;
    private final String endpointBase;
    private final String healthBase;
    private final String dashboardBase;
    private final String dashboardEvents;

    /**
     * @param mvcServletPath   {@code spring.mvc.servlet.path}, normally {@code /}: both APIs sit under it
     * @param actuatorBasePath {@code management.endpoints.web.base-path}, normally {@code /actuator}
     */
    public AccessRules(String mvcServletPath, String actuatorBasePath) {
        String servlet = prefix(mvcServletPath);
        this.apiBase = (servlet + API_BASE_PATH).toLowerCase(Locale.ROOT);
        this.openAiBase = (servlet + OPENAI_BASE_PATH).toLowerCase(Locale.ROOT);
        String actuator = servlet + prefix(actuatorBasePath == null ? "/actuator" : actuatorBasePath);
        this.endpointBase = (actuator + "/" + ENDPOINT_ID).toLowerCase(Locale.ROOT);
        this.healthBase = (actuator + "/health").toLowerCase(Locale.ROOT);
        this.dashboardBase = (servlet + DASHBOARD_BASE_PATH).toLowerCase(Locale.ROOT);
        this.dashboardEvents = (servlet + DASHBOARD_EVENTS_PATH).toLowerCase(Locale.ROOT);
    }

    /** {@code /} becomes empty, {@code /x/} becomes {@code /x}. */
    private static String prefix(String path) {
        String p = normalize(path == null ? "/" : path);
        return p.equals("/") ? "" : p;
    }

    /**
     * @param method HTTP method
     * @param path   the path inside the application, decoded (servlet path plus path info)
     */
    public AccessLevel levelOf(String method, String path) {
        String p = normalize(path).toLowerCase(Locale.ROOT);
        String m = method.toUpperCase(Locale.ROOT);
        boolean read = m.equals("GET") || m.equals("HEAD");
        if (under(p, apiBase)) {
            if (read || (m.equals("POST") && (p.equals(apiBase + "/consensus") || p.equals(apiBase + "/scorecard")))) {
                return AccessLevel.READ;
            }
            return AccessLevel.ADMIN;
        }
        if (under(p, openAiBase)) {
            // Reading models and asking for a completion change nothing: the same access as a consensus. Any other
            // path or method there is answered by the endpoint itself (404 unknown_url, 405) in OpenAI's shape,
            // which an SDK can read, rather than an administrator's 403 it cannot.
            return AccessLevel.READ;
        }
        if (under(p, endpointBase)) {
            return read ? AccessLevel.READ : AccessLevel.ADMIN;
        }
        if (under(p, dashboardBase)) {
            if (read && p.equals(dashboardEvents)) {
                return AccessLevel.OPEN;
            }
            return read ? AccessLevel.READ : AccessLevel.ADMIN;
        }
        return AccessLevel.OPEN;
    }

    /** The path inside the application that the rules take: the servlet path plus the path info, decoded. */
    public static String pathOf(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /** Whether the path is under the {@code /api/v1} API or the OpenAI-compatible {@code /v1}. */
    public boolean isApi(String path) {
        String p = normalize(path).toLowerCase(Locale.ROOT);
        return under(p, apiBase) || under(p, openAiBase);
    }

    /** Whether the path is under the OpenAI-compatible {@code /v1}, whose errors are in OpenAI's shape. */
    public boolean isOpenAi(String path) {
        return under(normalize(path).toLowerCase(Locale.ROOT), openAiBase);
    }

    /** Whether the path is the Actuator health endpoint or one of its components or groups. */
    public boolean isHealth(String path) {
        return under(normalize(path).toLowerCase(Locale.ROOT), healthBase);
    }

    /**
     * Whether the path is one this starter guards, whatever the method: the API, {@code /v1} or the
     * {@code llmproviders} endpoint.
     */
    public boolean isGuarded(String path) {
        String p = normalize(path).toLowerCase(Locale.ROOT);
        return under(p, apiBase) || under(p, openAiBase) || under(p, endpointBase);
    }

    /** {@code path} is {@code base} or below it ({@code base + "/..."}). */
    private static boolean under(String path, String base) {
        return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }

    /** Collapses repeated slashes and drops a trailing one, so {@code //api/v1/x/} is {@code /api/v1/x}. */
    static String normalize(String path) {
        if (path != null && path.startsWith("/") && path.indexOf("//") < 0
                && (path.length() == 1 || !path.endsWith("/"))) {
            return path; // already normal: every request's path, asked several times per request
        }
        String p = path == null || path.isEmpty() ? "/" : path;
        p = p.replaceAll("/{2,}", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
