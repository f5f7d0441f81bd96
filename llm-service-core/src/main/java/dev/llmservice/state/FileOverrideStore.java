package dev.llmservice.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Overrides in a small JSON file:
 * <pre>{"version": 1, "overrides": {"grok": {"enabled": false, "updated_at": "2026-11-26T06:40:00Z"}}}</pre>
 *
 * <p>Writers take an exclusive lock on a sibling {@code .lock} file, then replace the file atomically, so a
 * CLI and a server writing at once never leave a half-written file and never lose each other's changes.
 *
 * <p>Concurrency rule: a file lock is held by the whole JVM, and a second thread asking for it gets
 * {@link java.nio.channels.OverlappingFileLockException} instead of waiting; so threads of one JVM first take
 * an in-process lock per path, then the file lock that keeps other processes out.
 */
final class FileOverrideStore implements OverrideStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileOverrideStore.class);
    static final int FORMAT_VERSION = 1;

    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Clock clock;

    FileOverrideStore(Path path) {
        this(path, Clock.systemUTC());
    }

    FileOverrideStore(Path path, Clock clock) {
        this.path = path.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public Map<String, Boolean> load() {
        Map<String, Boolean> result = new LinkedHashMap<>();
        JsonNode root = read();
        JsonNode overrides = root.path("overrides");
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode enabled = e.getValue().path("enabled");
            if (enabled.isBoolean()) {
                result.put(e.getKey().toLowerCase(Locale.ROOT), enabled.booleanValue());
            } else {
                LOG.warn("state file {}: override of '{}' has no boolean 'enabled'; ignored", path, e.getKey());
            }
        }
        return result;
    }

    @Override
    public void set(String name, Boolean enabled) {
        String key = name.toLowerCase(Locale.ROOT);
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        inProcess.lock();
        try {
            write(key, enabled);
        } finally {
            inProcess.unlock();
        }
    }

    private void write(String key, Boolean enabled) {
        try {
            Files.createDirectories(path.getParent());
            Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                JsonNode current = read();
                ObjectNode root = Json.mapper().createObjectNode();
                root.put("version", FORMAT_VERSION);
                ObjectNode overrides = root.putObject("overrides");
                if (current.path("overrides").isObject()) {
                    overrides.setAll((ObjectNode) current.path("overrides"));
                }
                if (enabled == null) {
                    overrides.remove(key);
                } else {
                    ObjectNode entry = overrides.putObject(key);
                    entry.put("enabled", enabled);
                    entry.put("updated_at", clock.instant().toString());
                }
                Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
                Files.writeString(tmp, Json.pretty(root) + System.lineSeparator());
                try {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return path.toString();
    }

    private JsonNode read() {
        if (!Files.isRegularFile(path)) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode root = Json.mapper().readTree(path.toFile());
            if (root == null || !root.isObject()) {
                LOG.warn("state file {} is not a JSON object; no overrides applied", path);
                return Json.mapper().createObjectNode();
            }
            return root;
        } catch (IOException e) {
            LOG.warn("state file {} cannot be read ({}); no overrides applied", path, e.getClass().getSimpleName());
            return Json.mapper().createObjectNode();
        }
    }
}
