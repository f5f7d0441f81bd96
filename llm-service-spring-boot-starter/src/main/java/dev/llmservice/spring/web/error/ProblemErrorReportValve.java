package dev.llmservice.spring.web.error;

import dev.llmservice.spring.web.ProblemResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report as {@code application/problem+json} instead of its HTML page. It answers the requests Tomcat
 * refuses before any application code runs: an encoded NUL or slash ({@code %00}, {@code %2F}) or an invalid
 * character in the path, a malformed request line, a header larger than {@code server.max-http-request-header-size}.
 * Errors that reach the application are answered there (Spring MVC, the error controller), so this valve finds their
 * body written and leaves them alone, as Tomcat's own does.
 *
 * <p>The detail is a fixed text per status: Tomcat's messages may quote the rejected request, and nothing of it is
 * repeated but the path in {@code instance}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    static final String BAD_REQUEST_DETAIL = "the server could not read this request: its path holds a character or "
            + "an escape it refuses (such as %00 or %2F), or its request line or a header is malformed or too large";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's valve: only errors, only when nothing was written, only once, only while the response can be.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            ProblemResponse.write(request, response, status, title(status), detail(status), Map.of());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: there is no one left to tell.
        }
    }

    /** The status's reason phrase, e.g. {@code Bad Request}. */
    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    static String detail(int status) {
        return status == 400 ? BAD_REQUEST_DETAIL : "the server refused this request (" + title(status) + ")";
    }
}
