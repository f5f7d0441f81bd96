package dev.llmservice.status;

import dev.llmservice.config.ConfigVariable;
import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderList;
import dev.llmservice.consensus.ConsensusCacheTtl;
import dev.llmservice.cost.Prices;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.shared.SharedStateSettings;
import dev.llmservice.shared.StateUrl;
import dev.llmservice.state.OverrideStore;

import java.util.ArrayList;
import java.util.List;

/**
 * What can be configured: the provider types installed and every variable a provider reads. Its JSON form is the
 * documented {@code llm-providers --list --json} shape, which a server also answers to
 * {@code GET /api/v1/provider-types}:
 * <pre>{"provider_types": [{"name", "display_name", "default_model", "default_base_url", "base_url_convention",
 *  "required_variables"}], "variables": [{"name", "per_provider", "default_value", "accepted"}]}</pre>
 *
 * <p>The providers themselves are the names in {@code LLM_PROVIDERS}: each reads the per-provider variables under its
 * own prefix ({@code {PROVIDER}} is {@code OPENAI_MINI} for {@code openai-mini}), and {@code {PROVIDER}_TYPE} (default:
 * its name, when that is a type) says which of these types it is.
 *
 * @param providerTypes one per {@code ProviderType}, in the order given (bundled ones first when discovered)
 * @param variables     the per-provider variables ({@code {PROVIDER}_WEIGHT}), then the global ones
 */
public record ProviderCatalog(List<ProviderTypeInfo> providerTypes, List<VariableInfo> variables) {

    /** How per-provider variables are named in {@link VariableInfo#name()}: {@code {PROVIDER}_WEIGHT}. */
    public static final String PROVIDER_PLACEHOLDER = "{PROVIDER}";

    public ProviderCatalog {
        providerTypes = List.copyOf(providerTypes);
        variables = List.copyOf(variables);
    }

    /**
     * @param name              the type id, what {@code {PROVIDER}_TYPE} names, e.g. {@code openai-compatible}
     * @param displayName       e.g. {@code OpenAI-compatible}
     * @param defaultModel      the model used when {@code P_MODEL} is unset; {@code null} when it must be set
     * @param defaultBaseUrl    the endpoint used when {@code P_BASE_URL} is unset; {@code null} when it must be set
     * @param baseUrlConvention what {@code P_BASE_URL} should look like
     * @param requiredVariables the variables a provider of this type must set, e.g. {@code {PROVIDER}_API_KEY};
     *                          the others have defaults
     */
    public record ProviderTypeInfo(String name, String displayName, String defaultModel, String defaultBaseUrl,
                                   String baseUrlConvention, List<String> requiredVariables) {

        public ProviderTypeInfo {
            requiredVariables = requiredVariables == null ? List.of() : List.copyOf(requiredVariables);
        }
    }

    /**
     * @param name         {@code {PROVIDER}_WEIGHT} for per-provider variables, else the variable itself
     * @param perProvider  whether each provider reads its own copy ({@code ANTHROPIC_WEIGHT}, ...)
     * @param defaultValue the value used when unset, as text; {@code null} when there is none
     * @param accepted     what a valid value looks like
     */
    public record VariableInfo(String name, boolean perProvider, String defaultValue, String accepted) {
    }

    /** The catalog of {@code types}: their descriptions, then {@link ProviderConfigLoader#VARIABLES} and the globals. */
    public static ProviderCatalog of(List<? extends ProviderType> types) {
        List<ProviderTypeInfo> typeInfos = types.stream()
                .map(t -> new ProviderTypeInfo(t.name(), t.displayName(), t.defaultModel(),
                        t.defaultBaseUrl() == null ? null : t.defaultBaseUrl().toString(), t.baseUrlConvention(),
                        required(t)))
                .toList();
        List<VariableInfo> variables = new ArrayList<>();
        for (ConfigVariable v : ProviderConfigLoader.VARIABLES) {
            variables.add(new VariableInfo(v.variable(PROVIDER_PLACEHOLDER), true, v.defaultValue(), v.accepted()));
        }
        variables.add(new VariableInfo(ProviderList.VARIABLE, false, ProviderList.DEFAULT, ProviderList.ACCEPTED
                + "; each reads the variables above under its own prefix: the name upper-cased, '-' as '_'"));
        variables.add(new VariableInfo(Environment.ENV_FILE_VARIABLE, false, ".env in the working directory",
                "path of a .env file (KEY=value lines); a real environment variable wins over it"));
        variables.add(new VariableInfo(OverrideStore.STATE_FILE_VARIABLE, false, "~/.llm-service/state.json",
                "path of the file that keeps --enable/--disable overrides"));
        variables.add(new VariableInfo(SharedStateSettings.URL_VARIABLE, false, null, StateUrl.ACCEPTED
                + ": overrides and circuit breakers shared by every replica in Redis, instead of the state file"));
        variables.add(new VariableInfo(SharedStateSettings.INSTANCE_ID_VARIABLE, false, "HOSTNAME:pid",
                SharedStateSettings.INSTANCE_ID_ACCEPTED + ": this replica's name in status and logs"));
        variables.add(new VariableInfo(JournalSettings.ENABLED_VARIABLE, false, "on",
                JournalSettings.ENABLED_ACCEPTED + ", any case: whether every consensus is recorded"));
        variables.add(new VariableInfo(JournalSettings.URL_VARIABLE, false,
                JournalSettings.SQLITE_PREFIX + "~/.llm-service/journal.db", JournalSettings.URL_ACCEPTED));
        variables.add(new VariableInfo(JournalSettings.USER_VARIABLE, false, null,
                "the PostgreSQL journal's user (or user= in the URL)"));
        variables.add(new VariableInfo(JournalSettings.PASSWORD_VARIABLE, false, null,
                "the PostgreSQL journal's password (or password= in the URL); never shown"));
        variables.add(new VariableInfo(Prices.DAILY_BUDGET_VARIABLE, false, null, Prices.BUDGET_ACCEPTED
                + ": once the journal's spend for the day reaches it, a consensus asks no provider (budget_exhausted)"));
        variables.add(new VariableInfo(ConsensusCacheTtl.VARIABLE, false, "until the next candle",
                ConsensusCacheTtl.ACCEPTED + ": how long identical consensus requests share one result"));
        return new ProviderCatalog(typeInfos, variables);
    }

    /** The variables a provider of {@code type} must set, in variable order. */
    private static List<String> required(ProviderType type) {
        List<String> required = new ArrayList<>();
        if (type.apiKeyRequired()) {
            required.add(PROVIDER_PLACEHOLDER + ProviderConfigLoader.API_KEY);
        }
        if (type.defaultModel() == null) {
            required.add(PROVIDER_PLACEHOLDER + ProviderConfigLoader.MODEL);
        }
        if (type.defaultBaseUrl() == null) {
            required.add(PROVIDER_PLACEHOLDER + ProviderConfigLoader.BASE_URL);
        }
        return required;
    }
}
