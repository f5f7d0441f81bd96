package dev.llmservice.spring.web;

import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.spring.consensus.ConsensusUnavailableException;
import dev.llmservice.spring.consensus.InvalidMarketDataException;
import dev.llmservice.state.StateFileException;
import dev.llmservice.journal.JournalException;
import dev.llmservice.operations.InvalidQueryException;
import dev.llmservice.operations.ProviderNotConfiguredException;
import dev.llmservice.operations.UnknownDecisionException;
import dev.llmservice.operations.LocalOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Errors of the {@code /api/v1} API as RFC 9457 {@code application/problem+json}. Scoped to this starter's
 * controllers, so the embedding application's error handling is untouched. Messages are scrubbed of API keys;
 * an unexpected failure shows its type only.
 */
@RestControllerAdvice(assignableTypes = {ProvidersController.class, ConsensusController.class,
        DecisionsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final LocalOperations operations;

    public ApiProblemHandler(LocalOperations operations) {
        this.operations = operations;
    }

    @ExceptionHandler(UnknownProviderException.class)
    ProblemDetail unknownProvider(UnknownProviderException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Unknown provider");
        p.setProperty("provider", e.name());
        return p;
    }

    @ExceptionHandler(ProviderNotConfiguredException.class)
    ProblemDetail notConfigured(ProviderNotConfiguredException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, operations.masker().redact(e.getMessage()));
        p.setTitle("Provider not configured");
        p.setProperty("provider", e.provider());
        return p;
    }

    /**
     * An override the state file cannot take; nothing changed. Damaged (unreadable content) and read-only are 409:
     * the file's condition conflicts with the request, and an operator resolves it (fixing the file, or
     * {@code ?force=true} for a damaged one). Unusable (a directory in its place, an I/O error) is 500: the
     * server cannot keep overrides where it is configured to.
     */
    @ExceptionHandler(StateFileException.class)
    ProblemDetail stateFile(StateFileException e) {
        String detail = operations.masker().redact(e.getMessage());
        LOG.warn("override not changed: {}", detail);
        ProblemDetail p = switch (e.reason()) {
            case DAMAGED -> problem(HttpStatus.CONFLICT, "State file damaged", detail + "; fix or remove it, or repeat "
                    + "the request with ?force=true (llm-providers --force) to replace it (its content is then kept in "
                    + e.backupLocation() + ")");
            case READ_ONLY -> problem(HttpStatus.CONFLICT, "State file read-only", detail);
            case UNUSABLE -> problem(HttpStatus.INTERNAL_SERVER_ERROR, "State file unusable", detail);
        };
        p.setProperty("state_file", e.location());
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    @ExceptionHandler(InvalidMarketDataException.class)
    ProblemDetail invalidMarketData(InvalidMarketDataException e) {
        int n = e.problems().size();
        return invalid("Invalid market data", n + (n == 1 ? " invalid field: " : " invalid fields: ")
                + String.join(", ", e.problems().stream().map(InvalidMarketDataException.InputProblem::field).toList()),
                e.problems());
    }

    /** A 400 whose {@code errors} list each invalid input: {@code {field, message, value}}. */
    private static ProblemDetail invalid(String title, String detail, List<InvalidMarketDataException.InputProblem> problems) {
        List<Map<String, Object>> errors = problems.stream().map(problem -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", problem.field());
            m.put("message", problem.message());
            m.put("value", problem.value());
            return m;
        }).toList();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle(title);
        p.setProperty("errors", errors);
        return p;
    }

    /** {@code GET /api/v1/consensus/{id}} of an id the journal does not hold. */
    @ExceptionHandler(UnknownDecisionException.class)
    ProblemDetail unknownDecision(UnknownDecisionException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Unknown consensus");
        p.setProperty("id", e.id());
        return p;
    }

    /** Query parameters of the history or the scorecard: 400 naming each, as invalid market data is. */
    @ExceptionHandler(InvalidQueryException.class)
    ProblemDetail invalidQuery(InvalidQueryException e) {
        return invalid("Invalid parameter", e.getMessage(), e.problems().stream().map(problem ->
                new InvalidMarketDataException.InputProblem(problem.variable(), "must be " + problem.expected(),
                        problem.value())).toList());
    }

    /** The journal cannot be read now (the database is down): 503, so that clients retry. */
    @ExceptionHandler(JournalException.class)
    ProblemDetail journalUnavailable(JournalException e) {
        LOG.warn("decision journal: {}", operations.masker().redact(e.getMessage()));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                operations.masker().redact(e.getMessage()));
        p.setTitle("Decision journal unavailable");
        return p;
    }

    @ExceptionHandler(ConsensusUnavailableException.class)
    ProblemDetail consensusUnavailable(ConsensusUnavailableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, e.getMessage());
        p.setTitle("Consensus engine not installed");
        return p;
    }

    /**
     * The wait for the providers was interrupted: the server is stopping (a forced stop, or the end of the
     * graceful shutdown's grace period). Not the request's fault and not a bug: 503, so that clients retry.
     */
    @ExceptionHandler(CancellationException.class)
    ProblemDetail cancelled(CancellationException e) {
        LOG.warn("request cancelled before the providers answered: {}", operations.masker().redact(e.getMessage()));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the request was cancelled before the providers answered, most likely because the server is "
                        + "shutting down; retry it");
        p.setTitle("Request cancelled");
        return p;
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        // Logged scrubbed; answered with the type only: an unclassified message was never checked for secrets.
        LOG.error("unexpected failure: {}: {}", e.getClass().getName(), operations.masker().redact(e.getMessage()));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected " + e.getClass().getSimpleName() + "; see the server log");
        p.setTitle("Internal error");
        return p;
    }
}
