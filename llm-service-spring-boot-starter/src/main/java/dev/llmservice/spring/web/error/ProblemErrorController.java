package dev.llmservice.spring.web.error;

import dev.llmservice.spring.web.ProblemResponse;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;
import java.util.Map;

/**
 * The error page ({@code server.error.path}, default {@code /error}) as {@code application/problem+json}, in place of
 * Spring Boot's {@code BasicErrorController} and its {@code {timestamp, status, error, path}} JSON. The container
 * forwards here what the application did not answer itself: a method it refuses before any filter runs
 * ({@code TRACE}: 405), an exception that escaped a filter, a {@code sendError} without a body. Errors of the API's
 * controllers never get here: they are problem documents already.
 *
 * <p>The detail is a fixed text per status, never the exception's message or the text given to {@code sendError},
 * which were never checked for secrets; the status, the original path and the {@code Allow} header the container
 * set are kept.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        // The error page is dispatched as a GET to its own path; the request's are kept in attributes (Servlet 6.1).
        Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        ProblemResponse.write(new OriginalPath(request), response, status, ProblemErrorReportValve.title(status),
                detail(status, method instanceof String m ? m : request.getMethod()), Map.of());
    }

    static String detail(int status, String method) {
        return switch (status) {
            case 404 -> "nothing is served at this path";
            case 405 -> "the method " + method + " is not allowed here";
            case 500 -> "unexpected failure; see the server log";
            default -> ProblemErrorReportValve.detail(status);
        };
    }

    /** The request as the problem's {@code instance} should name it: by the path that failed, not the error page's. */
    private static final class OriginalPath extends HttpServletRequestWrapper {

        OriginalPath(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : super.getRequestURI();
        }
    }
}
