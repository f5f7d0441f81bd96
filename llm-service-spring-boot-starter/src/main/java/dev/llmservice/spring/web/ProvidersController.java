package dev.llmservice.spring.web;

import dev.llmservice.spring.operations.HealthCheckReport;
import dev.llmservice.spring.operations.ProviderOperations;
import dev.llmservice.spring.operations.ProviderTestResult;
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
 * set; every POST needs {@code LLM_ADMIN_TOKEN} (see {@code AccessRules}). Unknown provider: 404; an
 * operation that needs a configured provider asked of one without a key or with invalid values: 409; an override
 * the state file cannot take: 409 (damaged, read-only) or 500 (unusable), see {@link ApiProblemHandler}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProvidersController {

    private final ProviderOperations operations;

    public ProvidersController(ProviderOperations operations) {
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
     * {@code ?force=true} replaces a damaged state file (its content kept in {@code FILE.bak}) instead of answering
     * 409; the same for disable and clear-override.
     */
    @PostMapping("/providers/{name}/enable")
    public ProviderStatus enable(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        return operations.enable(name, force);
    }

    @PostMapping("/providers/{name}/disable")
    public ProviderStatus disable(@PathVariable String name, @RequestParam(defaultValue = "false") boolean force) {
        return operations.disable(name, force);
    }

    /**
     * Removes the override (now and in the state file), so that {@code {PROVIDER}_ENABLED} decides again; no 409
     * for a provider without a key: its override may be worth removing.
     */
    @PostMapping("/providers/{name}/clear-override")
    public ProviderStatus clearOverride(@PathVariable String name,
                                        @RequestParam(defaultValue = "false") boolean force) {
        return operations.clearOverride(name, force);
    }

    /** A real minimal generation; a vendor failure is a 200 with {@code success: false}. */
    @PostMapping("/providers/{name}/test")
    public ProviderTestResult test(@PathVariable String name) {
        return operations.test(name);
    }

    @PostMapping("/providers/{name}/health-check")
    public HealthStatus healthCheck(@PathVariable String name) {
        return operations.healthCheck(name);
    }

    @PostMapping("/providers/health-check")
    public HealthCheckReport healthCheckAll() {
        return operations.healthCheckAll();
    }

    @PostMapping("/providers/reinit")
    public StatusSummary reinitialize() {
        return operations.reinitialize();
    }
}
