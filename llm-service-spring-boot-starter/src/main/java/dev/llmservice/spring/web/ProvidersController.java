package dev.llmservice.spring.web;

import dev.llmservice.provider.RetryListener;
import dev.llmservice.operations.HealthReport;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.operations.OverrideReport;
import dev.llmservice.operations.ReinitReport;
import dev.llmservice.operations.TestReport;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/providers} and {@code /api/v1/provider-types}: the CLI's operations over HTTP. Reads are open unless {@code LLM_API_TOKEN} is
 * set; every POST needs {@code LLM_ADMIN_TOKEN} (see {@code AccessRules}). Unknown provider: 404; a
 * health check of a provider without a key or with invalid values: 409. The documents are the core operations'
 * reports, the same JSON as {@code llm-providers ... --json}. An override the state file cannot take: 409 (damaged,
 * read-only) or 500 (unusable), see {@link ApiProblemHandler}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProvidersController {

    private final LocalOperations operations;

    public ProvidersController(LocalOperations operations) {
        this.operations = operations;
    }

    /** The status summary, the same document as {@code llm-providers --status --json}. */
    @GetMapping("/providers")
    public StatusSummary status() {
        return operations.status();
    }

    /**
     * The provider types this server has and every variable they read, the document of {@code llm-providers
     * --list --json}.
     */
    @GetMapping("/provider-types")
    public ProviderCatalog providerTypes() {
        return operations.catalog();
    }

    @GetMapping("/providers/{name}")
    public ProviderStatus provider(@PathVariable String name) {
        return operations.provider(name);
    }

    /**
     * Enables the provider now and in the state file; {@code warning} says why it stays unavailable (no key).
     * {@code ?force=true} replaces a damaged state file (its content kept in {@code FILE.bak}) instead of answering
     * 409; the same for disable and clear-override.
     */
    @PostMapping("/providers/{name}/enable")
    public OverrideReport enable(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        return operations.enable(name, force);
    }

    @PostMapping("/providers/{name}/disable")
    public OverrideReport disable(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        return operations.disable(name, force);
    }

    /** Removes the override (now and in the state file), so that {@code {PROVIDER}_ENABLED} decides again. */
    @PostMapping("/providers/{name}/clear-override")
    public OverrideReport clearOverride(@PathVariable String name,
                                        @RequestParam(defaultValue = "false") boolean force) {
        return operations.clearOverride(name, force);
    }

    /** A real minimal generation; a vendor failure (or no key) is a 200 with {@code ok: false}. */
    @PostMapping("/providers/{name}/test")
    public TestReport test(@PathVariable String name) {
        return operations.test(name, null, RetryListener.NONE);
    }

    @PostMapping("/providers/{name}/health-check")
    public HealthStatus healthCheck(@PathVariable String name) {
        return operations.healthCheck(name);
    }

    @PostMapping("/providers/health-check")
    public HealthReport healthCheckAll() {
        return operations.healthCheckAll(null, r -> { });
    }

    @PostMapping("/providers/reinit")
    public ReinitReport reinitialize() {
        return operations.reinit();
    }
}
