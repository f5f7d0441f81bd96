package dev.llmservice.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which providers there are: {@code LLM_PROVIDERS}, a comma-separated list of {@linkplain ProviderName provider
 * names}, default {@value #DEFAULT} (so that an environment with only the design's variables gets the four built-ins).
 * Each name is a provider of its own, reading its variables under its own prefix ({@code openai-mini}:
 * {@code OPENAI_MINI_*}), so that two models of one vendor can vote side by side.
 *
 * <p>Reading never fails. An entry that cannot be a provider is left out with one problem naming the variable and its
 * value, and the others are read: a name that breaks the rule, a name listed twice (the first is kept), a name whose
 * prefix another already has ({@code a-b} and {@code a_b}: the first is kept). A list with no name at all (empty, or
 * only commas) is a problem too, and then there is no provider. Blanks around names and empty entries
 * ({@code anthropic,openai,}) are ignored.
 *
 * <p>Variables of providers not in the list are never read. So that a typo is not silent, {@link #notes()} says once
 * for each prefix that has a key or base URL set but no provider: {@code GROQ_API_KEY is set but groq is not in
 * LLM_PROVIDERS} (only as far as the environment can list its variables, see {@link Environment#names()}).
 *
 * @param names    the providers, in the order listed, each once
 * @param problems what was wrong with the list; empty when nothing was
 * @param notes    variables that look like a provider's but are read by none, one sentence each
 */
public record ProviderList(List<ProviderName> names, List<ConfigProblem> problems, List<String> notes) {

    /** The variable. */
    public static final String VARIABLE = "LLM_PROVIDERS";
    /** The providers when {@value #VARIABLE} is unset: the four built-in types, each under its own name. */
    public static final String DEFAULT = "anthropic,openai,gemini,grok";
    /** What {@value #VARIABLE} accepts, for problem messages and {@code --list}. */
    public static final String ACCEPTED = "a comma-separated list of provider names, each " + ProviderName.EXPECTED;

    /** Suffixes of the variables that show somebody meant to configure a provider; see {@link #notes()}. */
    private static final List<String> TELLING_SUFFIXES =
            List.of(ProviderConfigLoader.API_KEY, ProviderConfigLoader.BASE_URL);

    public ProviderList {
        names = List.copyOf(names);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Reads {@value #VARIABLE} from {@code env}, and looks for variables no listed provider reads. */
    public static ProviderList read(Environment env) {
        String raw = env.get(VARIABLE);
        String given = raw == null ? DEFAULT : raw.strip();
        List<ProviderName> names = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> byPrefix = new LinkedHashMap<>();
        for (String part : given.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!ProviderName.isValid(name)) {
                problems.add(problem(given, "'" + name + "' is not one, so it is left out"));
                continue;
            }
            String prefix = ProviderName.prefixOf(name);
            String earlier = byPrefix.putIfAbsent(prefix, name);
            if (earlier == null) {
                names.add(new ProviderName(name));
            } else if (earlier.equals(name)) {
                problems.add(problem(given, "each listed once; '" + name + "' is listed twice, the repeat is ignored"));
            } else {
                problems.add(problem(given, "each reading variables of its own; '" + name + "' would read the same "
                        + prefix + "_* variables as '" + earlier + "', so it is left out"));
            }
        }
        if (names.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem(VARIABLE, given, ACCEPTED + ", such as " + DEFAULT
                    + " (unset, it is that list); there is no provider"));
        }
        return new ProviderList(names, problems, notes(env, byPrefix.keySet()));
    }

    private static ConfigProblem problem(String given, String what) {
        return new ConfigProblem(VARIABLE, given, ACCEPTED + ", " + what);
    }

    /** One note per prefix that has a telling variable set (a key, a base URL) but no provider; sorted by prefix. */
    private static List<String> notes(Environment env, Set<String> readPrefixes) {
        Map<String, String> unread = new TreeMap<>();
        for (String variable : env.names()) {
            for (String suffix : TELLING_SUFFIXES) {
                if (!variable.endsWith(suffix) || variable.length() == suffix.length()) {
                    continue;
                }
                String prefix = variable.substring(0, variable.length() - suffix.length());
                String value = env.get(variable);
                if (!readPrefixes.contains(prefix) && value != null && !value.isBlank()
                        && ProviderName.isValid(prefix.toLowerCase(Locale.ROOT))) {
                    // The key names the provider better than its base URL: it wins when both are set.
                    unread.merge(prefix, variable, (a, b) -> a.endsWith(ProviderConfigLoader.API_KEY) ? a : b);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        unread.forEach((prefix, variable) -> notes.add(variable + " is set but "
                + prefix.toLowerCase(Locale.ROOT) + " is not in " + VARIABLE));
        return notes;
    }

    /** The provider called {@code name} (exactly), if listed. */
    public Optional<ProviderName> find(String name) {
        Objects.requireNonNull(name, "name");
        return names.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
