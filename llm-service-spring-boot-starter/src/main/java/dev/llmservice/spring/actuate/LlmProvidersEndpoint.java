package dev.llmservice.spring.actuate;

import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.operations.ProviderNotConfiguredException;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.spring.security.TokenAuthenticationFilter;
import dev.llmservice.state.StateFileException;
import org.jspecify.annotations.Nullable;
import dev.llmservice.status.StatusSummary;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code llmproviders} Actuator endpoint, the same operations as the REST API:
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>request</th><th>does</th></tr>
 *   <tr><td>GET {@code /actuator/llmproviders}</td><td>the status summary</td></tr>
 *   <tr><td>GET {@code /actuator/llmproviders/{name}}</td><td>one provider's status; 404 when unknown</td></tr>
 *   <tr><td>POST {@code /actuator/llmproviders/{action}}</td><td>{@code health-check} or {@code reinit}</td></tr>
 *   <tr><td>POST {@code /actuator/llmproviders/{name}/{action}}</td>
 *       <td>{@code enable}, {@code disable}, {@code clear-override} (body {@code {"force": true}} replaces a damaged
 *       state file), {@code test} or {@code health-check}</td></tr>
 * </table>
 *
 * <p>Write operations need the admin token. The {@link TokenAuthenticationFilter} checks it; this endpoint
 * checks the role again, so that if the filter is not in front of it (a separate management port, JMX)
 * writes are refused (403) rather than open.
 */
@Endpoint(id = "llmproviders")
public class LlmProvidersEndpoint {

    private final LocalOperations operations;

    public LlmProvidersEndpoint(LocalOperations operations) {
        this.operations = operations;
    }

    @ReadOperation
    public StatusSummary status() {
        return operations.status();
    }

    @ReadOperation
    public WebEndpointResponse<Object> provider(@Selector String name) {
        return run(() -> operations.provider(name));
    }

    @WriteOperation
    public WebEndpointResponse<Object> registryAction(@Selector String action, SecurityContext security) {
        if (!isAdmin(security)) {
            return forbidden();
        }
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "health-check" -> run(() -> operations.healthCheckAll(null, r -> { }));
            case "reinit" -> run(operations::reinit);
            default -> error(WebEndpointResponse.STATUS_BAD_REQUEST,
                    "unknown action '" + action + "'; expected health-check or reinit");
        };
    }

    /** @param force {@code {"force": true}} in the body replaces a damaged state file, as {@code ?force=true} does */
    @WriteOperation
    public WebEndpointResponse<Object> providerAction(@Selector String name, @Selector String action,
                                                      @Nullable Boolean force, SecurityContext security) {
        boolean replaceDamaged = Boolean.TRUE.equals(force);
        if (!isAdmin(security)) {
            return forbidden();
        }
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "enable" -> run(() -> operations.enable(name, replaceDamaged));
            case "disable" -> run(() -> operations.disable(name, replaceDamaged));
            case "clear-override" -> run(() -> operations.clearOverride(name, replaceDamaged));
            case "test" -> run(() -> operations.test(name, null, RetryListener.NONE));
            case "health-check" -> run(() -> operations.healthCheck(name));
            default -> error(WebEndpointResponse.STATUS_BAD_REQUEST,
                    "unknown action '" + action + "'; expected enable, disable, clear-override, test or health-check");
        };
    }

    private static boolean isAdmin(SecurityContext security) {
        return security != null && security.isUserInRole(TokenAuthenticationFilter.ADMIN_ROLE);
    }

    private WebEndpointResponse<Object> run(Supplier<Object> operation) {
        try {
            return new WebEndpointResponse<>(operation.get());
        } catch (UnknownProviderException e) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, e.getMessage());
        } catch (ProviderNotConfiguredException e) {
            return error(409, e.getMessage());
        } catch (StateFileException e) {
            // As the REST API answers it (ApiProblemHandler): the file's condition, or a server that cannot keep it.
            return error(e.reason() == StateFileException.Reason.UNUSABLE ? 500 : 409,
                    operations.masker().redact(e.getMessage()));
        }
    }

    private static WebEndpointResponse<Object> forbidden() {
        return error(403, "write operations need Authorization: Bearer <LLM_ADMIN_TOKEN>");
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("status", status, "error", message), status);
    }
}
