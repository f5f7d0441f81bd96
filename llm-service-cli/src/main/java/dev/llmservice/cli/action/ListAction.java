package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderList;
import dev.llmservice.status.ProviderCatalog;

import java.util.List;

import static dev.llmservice.cli.action.Text.N;

/** {@code --list}: the provider types with their defaults and what they require, and every variable a provider reads. */
public final class ListAction implements Action {

    /** What a default column shows when the type has none, so that the variable must be set. */
    static final String REQUIRED = "(required)";

    @Override
    public int run(Session session) {
        ProviderCatalog catalog = session.operations().catalog();
        if (session.json()) {
            session.printJson(catalog);
        } else {
            session.print(text(catalog, session.server()));
        }
        return ExitCode.OK;
    }

    /** @param server the server the catalog came from, or {@code null} for this process's class path */
    static String text(ProviderCatalog catalog, String server) {
        StringBuilder out = new StringBuilder();
        List<ProviderCatalog.ProviderTypeInfo> types = catalog.providerTypes();
        if (types.isEmpty()) {
            out.append(server == null ? "No provider types found on the class path." : "No provider types on " + server
                    + ".").append(N);
        } else {
            Table table = new Table("TYPE", "DISPLAY NAME", "DEFAULT MODEL", "DEFAULT BASE URL", "REQUIRES");
            for (ProviderCatalog.ProviderTypeInfo t : types) {
                table.row(t.name(), t.displayName(), orRequired(t.defaultModel()), orRequired(t.defaultBaseUrl()),
                        t.requiredVariables().isEmpty() ? "-" : String.join(", ", t.requiredVariables()));
            }
            out.append("Provider types").append(server == null ? "" : " on " + server).append(':').append(N)
                    .append(table.render());
            out.append(N).append(ProviderCatalog.PROVIDER_PLACEHOLDER).append(ProviderConfigLoader.BASE_URL)
                    .append(" conventions:").append(N);
            for (ProviderCatalog.ProviderTypeInfo t : types) {
                out.append("  ").append(t.name()).append(": ").append(t.baseUrlConvention()).append(N);
            }
            out.append(N);
        }
        out.append("Providers are the names in ").append(ProviderList.VARIABLE).append(" (default ")
                .append(ProviderList.DEFAULT).append("). Each reads these variables under its own prefix, the name ")
                .append("upper-cased with '-' as '_' ({PROVIDER} is OPENAI_MINI for openai-mini), and is of the type ")
                .append("{PROVIDER}_TYPE names (default: its name, when that is a type):").append(N);
        Table table = new Table("VARIABLE", "DEFAULT", "ACCEPTED");
        for (ProviderCatalog.VariableInfo v : catalog.variables()) {
            table.row(v.name(), v.defaultValue() == null ? "none" : v.defaultValue(), v.accepted());
        }
        return out.append(table.render()).toString();
    }

    private static String orRequired(String value) {
        return value == null ? REQUIRED : value;
    }
}
