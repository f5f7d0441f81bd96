package dev.llmservice.cli.report;

import java.util.List;

/**
 * {@code --list --json}: the provider types on the class path and every variable they read.
 *
 * @param providerTypes one per {@code ProviderType}, built-ins first
 * @param variables     the per-provider variables ({@code {PROVIDER}_WEIGHT}), then the global ones
 */
public record ListReport(List<ProviderTypeInfo> providerTypes, List<VariableInfo> variables) {

    /**
     * @param name              name used on the command line, e.g. {@code anthropic}
     * @param displayName       e.g. {@code Anthropic}
     * @param envPrefix         prefix of its variables, e.g. {@code ANTHROPIC}
     * @param defaultModel      the model used when {@code P_MODEL} is unset
     * @param defaultBaseUrl    the endpoint used when {@code P_BASE_URL} is unset
     * @param baseUrlConvention what {@code P_BASE_URL} should look like
     */
    public record ProviderTypeInfo(String name, String displayName, String envPrefix, String defaultModel,
                                   String defaultBaseUrl, String baseUrlConvention) {
    }

    /**
     * @param name         {@code {PROVIDER}_WEIGHT} for per-provider variables, else the variable itself
     * @param perProvider  whether each provider reads its own copy ({@code ANTHROPIC_WEIGHT}, ...)
     * @param defaultValue the value used when unset, as text; {@code null} when there is none
     * @param accepted     what a valid value looks like
     */
    public record VariableInfo(String name, boolean perProvider, String defaultValue, String accepted) {
    }
}
