package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.status.ProviderCatalog;

import java.util.List;
import java.util.stream.Collectors;

import static dev.llmservice.cli.action.Text.N;

/** {@code --list}: the provider types with their defaults, and every variable they read. */
public final class ListAction implements Action {

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
            Table table = new Table("NAME", "DISPLAY NAME", "PREFIX", "DEFAULT MODEL", "DEFAULT BASE URL");
            for (ProviderCatalog.ProviderTypeInfo t : types) {
                table.row(t.name(), t.displayName(), t.envPrefix(), t.defaultModel(), t.defaultBaseUrl());
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
        String prefixes = types.stream().map(ProviderCatalog.ProviderTypeInfo::envPrefix)
                .collect(Collectors.joining(", "));
        out.append("Variables").append(prefixes.isEmpty() ? "" : " ({PROVIDER} is " + prefixes + ")").append(':')
                .append(N);
        Table table = new Table("VARIABLE", "DEFAULT", "ACCEPTED");
        for (ProviderCatalog.VariableInfo v : catalog.variables()) {
            table.row(v.name(), v.defaultValue() == null ? "none" : v.defaultValue(), v.accepted());
        }
        return out.append(table.render()).toString();
    }
}
