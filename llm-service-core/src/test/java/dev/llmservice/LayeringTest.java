package dev.llmservice;

import dev.llmservice.config.ProviderConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's layers, checked on the compiled classes so that they cannot erode: a package of {@code dev.llmservice}
 * may use its own sub-packages and the layers below it, never one above, nor another package of its own layer.
 * "Uses" means any reference the compiler left in a class file (imports, fully qualified names, signatures), not
 * Javadoc.
 *
 * <p>Bottom up: {@code config} (and the {@code json} helper) knows no provider; {@code provider} (SPI, built-ins,
 * retries) knows the configuration; {@code resilience} and {@code consensus} wrap or ask providers; the registry
 * holds them, and {@code shared} lets replicas share overrides, circuit openings, rate limits and the consensus cache; {@code health} and
 * {@code status} read the registry; {@code factory} builds it all; {@code operations}
 * (the management operations the CLI and the starter call) uses them all. The CLI and the starter are other modules,
 * above everything here.
 */
class LayeringTest {

    /** Bottom first. A package not listed (a new one) counts as the top: it may use every layer, and none may use it. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("config", "json"),
            Set.of("provider", "state"),
            Set.of("cost"),
            Set.of("resilience", "consensus", "ratelimit"),
            Set.of("registry", "journal", "shared"),
            Set.of("health", "status", "scorecard"),
            Set.of("factory"),
            Set.of("operations"));

    private static final Pattern REFERENCE = Pattern.compile("dev/llmservice/([a-z0-9_]+)/");

    /** For each class of the core (by name), the top-level packages of {@code dev.llmservice} it uses. */
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readTheCompiledClasses() throws IOException, URISyntaxException {
        Path location = Path.of(ProviderConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        uses = new TreeMap<>();
        if (Files.isDirectory(location)) {
            readClasses(location);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                readClasses(jar.getPath("/"));
            }
        }
    }

    @Test
    void noPackageUsesALayerAboveItsOwnOrBesideIt() {
        List<String> violations = new ArrayList<>();
        uses.forEach((className, packages) -> {
            String own = topPackage(className);
            for (String used : packages) {
                if (!used.equals(own) && layer(used) >= layer(own)) {
                    violations.add(className + " uses dev.llmservice." + used + " (layer " + layer(used)
                            + "; its own package " + own + " is in layer " + layer(own) + ")");
                }
            }
        });

        assertThat(violations).isEmpty();
    }

    @Test
    void theScanSeesTheUsesThatAreAllowed() {
        // Without this, a scan that found nothing would pass the test above.
        assertThat(uses).hasSizeGreaterThan(100);
        assertThat(uses.get("dev.llmservice.provider.internal.ChatModelProvider")).contains("config", "provider");
        assertThat(uses.get("dev.llmservice.factory.ProviderFactory")).contains("registry", "resilience", "config");
    }

    private static int layer(String topPackage) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(topPackage)) {
                return i;
            }
        }
        return LAYERS.size();
    }

    private static String topPackage(String className) {
        Matcher m = REFERENCE.matcher(className.replace('.', '/'));
        return m.lookingAt() ? m.group(1) : "";
    }

    private static void readClasses(Path root) throws IOException {
        Path base = root.resolve("dev").resolve("llmservice");
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length()).replaceFirst("^\\.", "");
                Set<String> packages = new TreeSet<>();
                for (String text : constantPoolTexts(Files.readAllBytes(file))) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        packages.add(m.group(1));
                    }
                }
                uses.put(name, packages);
            }
        }
    }

    /**
     * Every UTF-8 entry of a class file's constant pool: class names, descriptors and generic signatures among them
     * (JVM specification, 4.4).
     */
    private static List<String> constantPoolTexts(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt();                   // magic
            in.readUnsignedShort();         // minor version
            in.readUnsignedShort();         // major version
            int count = in.readUnsignedShort();
            List<String> texts = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;                // a long or double takes two entries
                    }
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
