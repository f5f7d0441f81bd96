package dev.llmservice.operations;

import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The management operations, defined once: the CLI ({@code llm-providers}, locally and with {@code --url}), the
 * REST API and the Actuator endpoint all call these and serialise the same report records, so every operation
 * has one JSON shape everywhere (documented in {@code llm-service-cli/README.md}).
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>operation</th><th>CLI</th><th>REST ({@code /api/v1})</th><th>report</th></tr>
 *   <tr><td>{@link #status()}</td><td>{@code --status}</td><td>{@code GET /providers}</td><td>{@link StatusSummary}</td></tr>
 *   <tr><td>{@link #catalog()}</td><td>{@code --list}</td><td>{@code GET /provider-types}</td><td>{@link ProviderCatalog}</td></tr>
 *   <tr><td>{@link #provider(String)}</td><td></td><td>{@code GET /providers/{name}}</td><td>{@link ProviderStatus}</td></tr>
 *   <tr><td>{@link #enable}, {@link #disable}, {@link #clearOverride}</td><td>{@code --enable NAME} ...</td>
 *       <td>{@code POST /providers/{name}/enable} ...</td><td>{@link OverrideReport}</td></tr>
 *   <tr><td>{@link #test}</td><td>{@code --test NAME}</td><td>{@code POST /providers/{name}/test}</td><td>{@link TestReport}</td></tr>
 *   <tr><td>{@link #healthCheck(String)}</td><td></td><td>{@code POST /providers/{name}/health-check}</td><td>{@link HealthStatus}</td></tr>
 *   <tr><td>{@link #healthCheckAll}</td><td>{@code --health-check}</td><td>{@code POST /providers/health-check}</td><td>{@link HealthReport}</td></tr>
 *   <tr><td>{@link #reinit()}</td><td>{@code --reinit}</td><td>{@code POST /providers/reinit}</td><td>{@link ReinitReport}</td></tr>
 * </table>
 *
 * <p>Unknown provider names throw {@link dev.llmservice.registry.UnknownProviderException}. Failures of a provider
 * (a vendor error, no key) are reports, never exceptions; every message in a report is free of secrets.
 */
public interface ProviderOperations {

    /** Every provider: state and its source, model, weight, masked key, base URL, problems, health, circuit. */
    StatusSummary status();

    /** The provider types and every variable they read, with defaults and accepted values. */
    ProviderCatalog catalog();

    /** One provider's status. */
    ProviderStatus provider(String name);

    /**
     * Enables {@code name} in the override store, then now; the report warns when it stays unavailable (no key).
     *
     * @param force replace a state file that cannot be read (its content kept in {@code FILE.bak}) rather than
     *              refuse: the file then holds only this override
     * @throws dev.llmservice.state.StateFileException when the state file cannot be read (and is not to be
     *                                                 replaced), is read-only or cannot be written: nothing changed
     */
    OverrideReport enable(String name, boolean force);

    /** Disables {@code name} in the override store, then now; as {@link #enable}. */
    OverrideReport disable(String name, boolean force);

    /**
     * Removes {@code name}'s override, so that {@code {PROVIDER}_ENABLED} (or the default) decides again; as
     * {@link #enable}.
     */
    OverrideReport clearOverride(String name, boolean force);

    /**
     * One real, minimal generation, enabled or not (it costs a few tokens), over by its deadline: a provider that
     * overruns it is stopped waiting for and reported as a {@code timeout}.
     *
     * @param timeout the overall bound, retries included; {@code null} for the provider's own {@code {P}_TIMEOUT}
     * @param onRetry told of each retry before its wait (the CLI prints it); {@link RetryListener#NONE} for none
     */
    TestReport test(String name, Duration timeout, RetryListener onRetry);

    /** A health check of one configured provider, enabled or not, recorded in the registry. */
    HealthStatus healthCheck(String name);

    /**
     * Health checks of every enabled provider, in parallel, recorded in the registry, all over by the deadline: a
     * check still running then is reported as a {@code timeout}.
     *
     * @param timeout  the bound on all checks together; {@code null} for the longest of the enabled providers'
     *                 {@code {P}_TIMEOUT}
     * @param onResult told of each check as it finishes (progress output); never {@code null}
     */
    HealthReport healthCheckAll(Duration timeout, Consumer<HealthCheckResult> onResult);

    /** Re-reads the environment and {@code .env} and rebuilds every provider; overrides are kept. */
    ReinitReport reinit();
}
