package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding a provider type is one class and one services line. */
class ProviderTypesTest {

    public abstract static class Named implements ProviderType {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public String defaultModel() {
            return "m";
        }

        @Override
        public URI defaultBaseUrl() {
            return URI.create("http://localhost");
        }

        @Override
        public LlmProvider create(ProviderConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Zeta extends Named {
        public Zeta() {
            super("zeta");
        }
    }

    public static final class ZetaAgain extends Named {
        public ZetaAgain() {
            super("zeta");
        }
    }

    public static final class Alpha extends Named {
        public Alpha() {
            super("alpha");
        }
    }

    public static final class Grok extends Named {
        public Grok() {
            super("grok");
        }
    }

    public static final class Anthropic extends Named {
        public Anthropic() {
            super("anthropic");
        }
    }

    @Test
    void typesListedInAServicesFileAreFoundBuiltInsFirstThenByNameOnePerName(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ProviderType.class.getName()), String.join("\n",
                Zeta.class.getName(), Alpha.class.getName(), Grok.class.getName(), ZetaAgain.class.getName(),
                "# a comment", Anthropic.class.getName(), ""));

        List<ProviderType> types;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{dir.toUri().toURL()}, getClass().getClassLoader())) {
            types = ProviderTypes.discover(loader);
        }

        // Real built-ins on the class path (another module's services file) may come first; ours must follow the rule.
        List<String> names = types.stream().map(ProviderType::name).toList();
        assertThat(names).containsSubsequence("anthropic", "grok", "alpha", "zeta");
        assertThat(names).doesNotHaveDuplicates();
        assertThat(types).filteredOn(t -> t.name().equals("zeta")).singleElement().isInstanceOf(Zeta.class);
        assertThatBuiltInsComeFirst(names);
    }

    private static void assertThatBuiltInsComeFirst(List<String> names) {
        List<String> builtIns = List.of("anthropic", "openai", "gemini", "grok");
        int lastBuiltIn = -1;
        int firstOther = names.size();
        for (int i = 0; i < names.size(); i++) {
            if (builtIns.contains(names.get(i))) {
                lastBuiltIn = i;
            } else {
                firstOther = Math.min(firstOther, i);
            }
        }
        assertThat(lastBuiltIn).isLessThan(firstOther);
    }
}
