package dev.llmservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one {@code .env} file in the syntax described at {@link Environment#dotEnvFile(Path)}: what Docker Compose
 * and python-dotenv accept, without variable expansion.
 *
 * <p>Ours rather than dotenv-java's, which cannot meet our rules: it decodes the whole file at once, so one byte that
 * is not UTF-8 (even in a comment) fails it with {@code MalformedInputException}; it skips a line it cannot read
 * without saying which ({@code ignoreIfMalformed}) or fails the whole file; it cuts an unquoted value at any
 * {@code #}; it ignores {@code export} lines and keeps a byte-order mark as part of the first name.
 *
 * <p>Nothing here throws for what a file holds or whether it can be read: every problem is a {@link DotEnvWarning}
 * naming the file and the line (never a value, which may be a secret), and only what it concerns is skipped.
 */
final class DotEnvParser {

    /**
     * Larger files are not read: a {@code .env} holds a few dozen lines, and this keeps {@code LLM_ENV_FILE} naming
     * a log or an image from filling the memory.
     */
    static final int MAX_BYTES = 1024 * 1024;

    /** A name a shell accepts, which every variable we read has. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * A line that sets a variable of its own, found inside a quoted value that is still open: the quote before it
     * is much more likely unclosed by mistake than meant to run over it. {@code NAME=} with nothing after it, and
     * base64 padding ({@code abc==}, in a quoted PEM key), do not count.
     */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=(?![ \t=]*$).*");
    /** Reads as empty: the usual way to say "no file" ({@code LLM_ENV_FILE=/dev/null}). */
    private static final Path DEV_NULL = Path.of("/dev/null");

    private final Path file;
    private final List<Line> lines;
    private final Map<String, String> values = new HashMap<>();
    /** The line each variable was last set on, to warn about a second one. */
    private final Map<String, Integer> setOn = new HashMap<>();
    private final List<DotEnvWarning> warnings = new ArrayList<>();

    /**
     * One line of the file.
     *
     * @param text    the line, or {@code null} when it is not UTF-8
     * @param lenient the line with invalid bytes replaced, to name its variable in the warning; {@code null} if valid
     * @param badByte the first invalid byte's position in the line (1 is the first); 0 if valid
     */
    private record Line(String text, String lenient, int badByte) {
    }

    private DotEnvParser(Path file, List<Line> lines) {
        this.file = file;
        this.lines = lines;
    }

    /**
     * The variables of {@code path} and the warnings about it.
     *
     * @param namedBy the variable that named the file ({@code LLM_ENV_FILE}), or {@code null} for the default
     *                {@code ./.env}: only a file someone named is expected to exist, so only then is its absence
     *                (or its being a directory, such as a Python virtualenv called {@code .env}) a warning
     */
    static DotEnv read(Path path, String namedBy) {
        Path file = path.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            return namedBy == null ? DotEnv.empty(file) : unreadable(file, namedBy, "is a directory");
        }
        if (!Files.exists(file)) {
            return namedBy == null ? DotEnv.empty(file) : unreadable(file, namedBy, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            // A device or a pipe: /dev/stdin would wait for input, and a pipe reads empty the second time.
            return file.equals(DEV_NULL) ? DotEnv.empty(file)
                    : unreadable(file, namedBy, "is not a regular file (a device or a pipe)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return namedBy == null ? DotEnv.empty(file) : unreadable(file, namedBy, "does not exist");
        } catch (AccessDeniedException e) {
            return unreadable(file, namedBy, "cannot be read (permission denied)");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            return unreadable(file, namedBy, "cannot be read (" + reason + ")");
        }
        if (bytes.length > MAX_BYTES) {
            return unreadable(file, namedBy, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        if (isUtf16(bytes)) {
            // What Windows PowerShell 5's '>' writes. Re-encoded, it is read as any UTF-8 file.
            try {
                bytes = strict(StandardCharsets.UTF_16).decode(ByteBuffer.wrap(bytes)).toString()
                        .getBytes(StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                return unreadable(file, namedBy, "starts as UTF-16 text (byte-order mark) but is not valid UTF-16");
            }
        }
        return new DotEnvParser(file, lines(bytes)).parse();
    }

    private static DotEnv unreadable(Path file, String namedBy, String what) {
        String message = namedBy == null
                ? file + " " + what + "; it is not read"
                : namedBy + " names " + file + ", which " + what + "; no .env file is read";
        return DotEnv.unread(file, DotEnvWarning.ofFile(file, message));
    }

    private static boolean isUtf16(byte[] b) {
        return b.length >= 2 && (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF || b[0] == (byte) 0xFF && b[1] == (byte) 0xFE);
    }

    /** The lines, each decoded on its own so that one bad byte costs one line; a UTF-8 byte-order mark is dropped. */
    private static List<Line> lines(byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        List<Line> lines = new ArrayList<>();
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
                lines.add(decode(bytes, lineStart, i));
                if (i + 1 < bytes.length && bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static Line decode(byte[] bytes, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);   // UTF-8 never decodes to more chars than bytes
        CoderResult result = strict(StandardCharsets.UTF_8).decode(in, out, true);
        if (result.isError()) {
            return new Line(null, new String(bytes, from, to - from, StandardCharsets.UTF_8), in.position() - from + 1);
        }
        return new Line(out.flip().toString(), null, 0);
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private DotEnv parse() {
        int i = 0;
        while (i < lines.size()) {
            i = entry(i);
        }
        return new DotEnv(file, values, warnings);
    }

    /** Reads the entry that starts on line index {@code i}; returns the index of the line after it. */
    private int entry(int i) {
        int number = i + 1;
        Line line = lines.get(i);
        if (line.text() == null) {
            String name = nameOf(line.lenient());
            warn(number, (name == null ? "" : name + ": ") + "not UTF-8 (byte " + line.badByte() + " of the line is "
                    + "invalid); the line is skipped (save the file as UTF-8)");
            return i + 1;
        }
        String s = line.text();
        int p = afterExport(s, skipBlanks(s, 0));
        if (p == s.length() || s.charAt(p) == '#') {
            return i + 1;
        }
        int equals = s.indexOf('=', p);
        if (equals < 0) {
            warn(number, "not a NAME=value line (no '='); the line is skipped");
            return i + 1;
        }
        String name = stripTrailingBlanks(s.substring(p, equals));
        if (!NAME.matcher(name).matches()) {
            warn(number, "the name before '=' is not a valid variable name (letters, digits and '_', not starting "
                    + "with a digit); the line is skipped");
            return i + 1;
        }
        int v = skipBlanks(s, equals + 1);
        if (v < s.length() && (s.charAt(v) == '"' || s.charAt(v) == '\'')) {
            return quoted(i, name, s.charAt(v), v + 1);
        }
        set(number, name, unquoted(s.substring(v), v > equals + 1));
        return i + 1;
    }

    /**
     * A value in quotes, which may run over several lines; {@code \\} and the quote may be escaped, and in double
     * quotes also {@code \a \b \f \n \r \t \v}. Returns the index of the line after the closing quote, or, when the
     * quote is not closed properly, of the line after the opening one: only that line is skipped.
     */
    private int quoted(int first, String name, char quote, int start) {
        int number = first + 1;
        String opened = name + ": the quote (" + quote + ") opened here ";
        StringBuilder value = new StringBuilder();
        String s = lines.get(first).text();
        int pos = start;
        int i = first;
        while (true) {
            for (; pos < s.length(); pos++) {
                char c = s.charAt(pos);
                if (c == quote) {
                    int rest = skipBlanks(s, pos + 1);
                    if (rest < s.length() && s.charAt(rest) != '#') {
                        warn(number, i == first
                                ? name + ": text follows the closing quote (" + quote + "); the line is skipped"
                                : opened + "is closed on line " + (i + 1) + ", but text follows it there; the line "
                                        + "is skipped");
                        return first + 1;
                    }
                    set(number, name, value.toString());
                    return i + 1;
                }
                String escaped = c == '\\' && pos + 1 < s.length() ? escape(quote, s.charAt(pos + 1)) : null;
                if (escaped != null) {
                    value.append(escaped);
                    pos++;
                } else {
                    value.append(c);
                }
            }
            i++;
            if (i == lines.size()) {
                warn(number, opened + "is never closed; the line is skipped");
                return first + 1;
            }
            String next = lines.get(i).text();
            if (next == null || ASSIGNMENT.matcher(next).matches()) {
                warn(number, opened + "is not closed before line " + (i + 1) + ", which "
                        + (next == null ? "is not UTF-8" : "sets a variable of its own") + "; the line is skipped");
                return first + 1;
            }
            value.append('\n');
            s = next;
            pos = 0;
        }
    }

    /** What {@code \c} stands for inside {@code quote}, or {@code null} if it stands for itself (both characters). */
    private static String escape(char quote, char c) {
        if (c == '\\' || c == '\'' || c == '"' && quote == '"') {
            return String.valueOf(c);
        }
        if (quote == '\'') {
            return null;
        }
        return switch (c) {
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000B";
            default -> null;
        };
    }

    /**
     * An unquoted value: up to a {@code #} that follows a blank (then a comment), without blanks at the end.
     *
     * @param afterBlank whether blanks separate the value from {@code =}, so that a {@code #} right at its start
     *                   begins a comment ({@code KEY= # none} is empty, {@code KEY=#1} is {@code #1})
     */
    private static String unquoted(String rest, boolean afterBlank) {
        int end = rest.length();
        for (int k = 0; k < rest.length(); k++) {
            if (rest.charAt(k) == '#' && (k == 0 ? afterBlank : isBlank(rest.charAt(k - 1)))) {
                end = k;
                break;
            }
        }
        return stripTrailingBlanks(rest.substring(0, end));
    }

    private void set(int number, String name, String value) {
        Integer earlier = setOn.put(name, number);
        if (earlier != null) {
            warn(number, name + " is set again (also on line " + earlier + "); the value on this line is used");
        }
        values.put(name, value);
    }

    /** The variable a line that is not UTF-8 would set, if its name is readable, so the warning can say which. */
    private static String nameOf(String lenient) {
        int p = afterExport(lenient, skipBlanks(lenient, 0));
        int equals = lenient.indexOf('=', p);
        if (equals < 0 || lenient.startsWith("#", p)) {
            return null;
        }
        String name = stripTrailingBlanks(lenient.substring(p, equals));
        return NAME.matcher(name).matches() ? name : null;
    }

    private void warn(int line, String problem) {
        warnings.add(DotEnvWarning.atLine(file, line, problem));
    }

    /** Past {@code export } (Docker Compose and python-dotenv accept a file a shell can source too). */
    private static int afterExport(String s, int p) {
        return s.startsWith("export", p) && p + 6 < s.length() && isBlank(s.charAt(p + 6)) ? skipBlanks(s, p + 6) : p;
    }

    private static int skipBlanks(String s, int from) {
        int p = from;
        while (p < s.length() && isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
