package dev.llmservice.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import dev.llmservice.state.StateFileException.Reason;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Overrides in a small JSON file:
 * <pre>{"version": 1, "overrides": {"grok": {"enabled": false, "updated_at": "2026-11-26T06:40:00Z"}}}</pre>
 *
 * <p>Reading is strict: a file that is not that shape (not JSON, empty, an array, an override without a boolean
 * {@code enabled}, another {@code version}) is {@linkplain Reason#DAMAGED damaged} and none of it is applied,
 * rather than the part that could be made sense of. A missing {@code version} or {@code overrides} is accepted
 * (a hand-written {@code {}} holds no overrides), and so are keys this version does not know.
 *
 * <p>Writers take an exclusive lock on a sibling {@code .lock} file, then replace the file atomically through a
 * temporary file in the same directory (deleted whatever fails), so a CLI and a server writing at once never
 * leave a half-written file and never lose each other's changes. A write
 * <ul>
 *   <li>refuses to replace a file it cannot read, since that would erase every override in it; asked to
 *       ({@code replaceDamaged}), it replaces a damaged one after copying it to {@code FILE.bak};</li>
 *   <li>refuses to touch a file without any write permission ({@code chmod a-w}): its owner does not want it
 *       changed. The permission is checked, not relied on: the rename would replace the file all the same;</li>
 *   <li>keeps the replaced file's permissions, and its owner and group where the process may set them; a new
 *       file is readable and writable by its owner only.</li>
 * </ul>
 *
 * <p>Concurrency rule: a file lock is held by the whole JVM, and a second thread asking for it gets
 * {@link java.nio.channels.OverlappingFileLockException} instead of waiting; so threads of one JVM first take
 * an in-process lock per path, then the file lock that keeps other processes out.
 */
final class FileOverrideStore implements OverrideStore {

    static final int FORMAT_VERSION = 1;
    /** Appended to the file's name for the copy of a damaged file that a forced write replaces. */
    static final String BACKUP_SUFFIX = ".bak";

    private static final String EXPECTED =
            "an object like {\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": false}}}";
    private static final int SHOWN_VALUE_CHARS = 40;
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Clock clock;
    /** What the last read threw, for {@link #readFailure()}; {@code null} when it succeeded. */
    private volatile StateFileException readFailure;

    FileOverrideStore(Path path) {
        this(path, Clock.systemUTC());
    }

    FileOverrideStore(Path path, Clock clock) {
        this.path = path.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The file's overrides: the raw entries (kept as they are by a write) and what they say. */
    private record Contents(ObjectNode entries, Map<String, Boolean> overrides) {
        static Contents empty() {
            return new Contents(Json.mapper().createObjectNode(), Map.of());
        }
    }

    @Override
    public Map<String, Boolean> load() {
        return read().overrides();
    }

    @Override
    public void set(String name, Boolean enabled, boolean replaceDamaged) {
        String key = name.toLowerCase(Locale.ROOT);
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        inProcess.lock();
        try {
            write(key, enabled, replaceDamaged);
        } finally {
            inProcess.unlock();
        }
    }

    @Override
    public Optional<StateFileException> readFailure() {
        return Optional.ofNullable(readFailure);
    }

    @Override
    public String location() {
        return path.toString();
    }

    private Path backupPath() {
        return path.resolveSibling(path.getFileName() + BACKUP_SUFFIX);
    }

    // writing -------------------------------------------------------------------------------------------------

    private void write(String key, Boolean enabled, boolean replaceDamaged) {
        if (Files.isDirectory(path)) {
            // Refused before a lock file is made beside it: a failed write leaves nothing behind.
            try {
                read();
            } catch (StateFileException e) {
                throw e.refusing("nothing was changed");
            }
        }
        Path parent = path.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw notWritten("its directory " + parent + " cannot be created ("
                    + (e instanceof FileAlreadyExistsException ? "a file of that name is in the way" : describe(e))
                    + ")", e);
        }
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            writeLocked(key, enabled, replaceDamaged);
        } catch (IOException e) {
            throw notWritten("cannot be written (" + describe(e) + ")", e);
        }
    }

    private void writeLocked(String key, Boolean enabled, boolean replaceDamaged) throws IOException {
        if (readOnly()) {
            throw new StateFileException(location(), Reason.READ_ONLY, "read-only (no write permission)", null,
                    "not changed; make it writable (chmod u+w) to change overrides", null);
        }
        Contents current;
        try {
            current = read();
        } catch (StateFileException e) {
            if (e.reason() != Reason.DAMAGED || !replaceDamaged) {
                throw e.refusing(e.reason() == Reason.DAMAGED
                        ? "not overwritten, so that the overrides in it are not lost" : "nothing was changed");
            }
            backUp();
            current = Contents.empty();
        }
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", FORMAT_VERSION);
        ObjectNode overrides = root.putObject("overrides");
        overrides.setAll(current.entries());
        // Any spelling of the name is this provider's entry: "Grok" typed by hand is replaced, not kept beside it.
        List<String> spellings = new ArrayList<>();
        overrides.fieldNames().forEachRemaining(n -> {
            if (n.toLowerCase(Locale.ROOT).equals(key)) {
                spellings.add(n);
            }
        });
        overrides.remove(spellings);
        if (enabled != null) {
            ObjectNode entry = overrides.putObject(key);
            entry.put("enabled", enabled);
            entry.put("updated_at", clock.instant().toString());
        }
        replace(root);
        readFailure = null;
    }

    private void backUp() {
        Path backup = backupPath();
        try {
            Files.copy(path, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw notWritten("its damaged content cannot be copied to " + backup + " (" + describe(e) + ")", e);
        }
    }

    /** Whether the file exists and nobody may write it: a rename would replace it all the same, even as root. */
    private boolean readOnly() throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        if (!Files.isWritable(path)) {
            return true;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        return view != null && Collections.disjoint(view.readAttributes().permissions(),
                EnumSet.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE));
    }

    /** Writes {@code root} to a temporary file and moves it over the state file; the temporary never stays. */
    private void replace(ObjectNode root) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw notWritten("cannot be written: no file can be created in " + path.getParent() + " ("
                    + reason(e) + ")", e);
        }
        try {
            Files.writeString(tmp, Json.pretty(root) + System.lineSeparator());
            keepAttributes(tmp);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // Gone after the move; what a failed write left otherwise.
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // The failure that got here is the one to report.
            }
        }
    }

    /** Gives {@code tmp} the state file's permissions, owner and group, when there is a state file to replace. */
    private void keepAttributes(Path tmp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from == null || to == null || !Files.isRegularFile(path)) {
            return;
        }
        PosixFileAttributes old = from.readAttributes();
        PosixFileAttributes created = to.readAttributes();
        try {
            if (!old.group().equals(created.group())) {
                to.setGroup(old.group());
            }
            if (!old.owner().equals(created.owner())) {
                to.setOwner(old.owner());
            }
        } catch (IOException e) {
            // Only root (or, for the group, a member) may: the file then belongs to whoever wrote it last.
        }
        to.setPermissions(old.permissions());
    }

    private StateFileException notWritten(String what, IOException cause) {
        return new StateFileException(location(), Reason.UNUSABLE, what, null, "nothing was changed", cause);
    }

    // reading -------------------------------------------------------------------------------------------------

    /** The file's contents, remembering for {@link #readFailure()} whether they could be read. */
    private Contents read() {
        try {
            Contents contents = parse();
            readFailure = null;
            return contents;
        } catch (StateFileException e) {
            readFailure = e;
            throw e;
        }
    }

    private Contents parse() {
        if (Files.isDirectory(path)) {
            throw unusable("a directory, not a file", null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Contents.empty();
        } catch (IOException e) {
            throw unusable("cannot be read (" + describe(e) + ")", e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw damaged("empty; expected " + EXPECTED, null);
        }
        JsonNode root;
        try {
            root = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw damaged("not valid JSON (" + jsonError(e) + ")", e);
        } catch (IOException e) {
            throw unusable("cannot be read (" + describe(e) + ")", e);
        }
        if (!root.isObject()) {
            throw damaged("not a JSON object but " + shown(root) + "; expected " + EXPECTED, null);
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asLong() == FORMAT_VERSION)) {
            throw damaged("version was '" + shown(version) + "' but it must be " + FORMAT_VERSION
                    + " (the only format this version of llm-service reads)", null);
        }
        JsonNode overrides = root.get("overrides");
        if (overrides == null || overrides.isNull()) {
            return Contents.empty();
        }
        if (!overrides.isObject()) {
            throw damaged("overrides was '" + shown(overrides)
                    + "' but it must be an object of provider names, e.g. {\"grok\": {\"enabled\": false}}", null);
        }
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "overrides." + e.getKey();
            if (!e.getValue().isObject()) {
                throw damaged(field + " was '" + shown(e.getValue())
                        + "' but it must be an object like {\"enabled\": false}", null);
            }
            JsonNode enabled = e.getValue().get("enabled");
            if (enabled == null || !enabled.isBoolean()) {
                throw damaged(field + ".enabled " + (enabled == null ? "is missing" : "was '" + shown(enabled) + "'")
                        + " but it must be true or false", null);
            }
            result.put(e.getKey().toLowerCase(Locale.ROOT), enabled.booleanValue());
        }
        return new Contents((ObjectNode) overrides, result);
    }

    private StateFileException damaged(String what, Throwable cause) {
        return new StateFileException(location(), Reason.DAMAGED, what, backupPath().toString(), null, cause);
    }

    private StateFileException unusable(String what, Throwable cause) {
        return new StateFileException(location(), Reason.UNUSABLE, what, null, null, cause);
    }

    /** Jackson's message without the echo of the input it adds, and where the error is. */
    private static String jsonError(JsonProcessingException e) {
        String m = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName())
                .lines().findFirst().orElse("").strip();
        for (String echo : new String[] {" (start marker at", " (for "}) {
            int cut = m.indexOf(echo);
            m = cut < 0 ? m : m.substring(0, cut);
        }
        if (m.startsWith("Trailing token")) {
            m = "more text after the end of the JSON value";  // Jackson names its own setting here
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? m : m + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** A value as JSON text, cut to a length a message can hold. */
    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_VALUE_CHARS ? text : text.substring(0, SHOWN_VALUE_CHARS - 3) + "...";
    }

    /** An I/O failure in a few words, naming the file it concerns unless that is the state file itself. */
    private String describe(IOException e) {
        String what = reason(e);
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null || file.equals(path.toString()) || what.equals(file) ? what : what + ": " + file;
    }

    /** An I/O failure in a few words: {@code permission denied}, {@code Is a directory}. */
    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }
}
