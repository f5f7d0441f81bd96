package dev.llmservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The {@code .env} syntax, one case per rule (Docker Compose's and python-dotenv's), read from a real file. Each
 * case lists every variable the file must set and every warning it must give, exactly: nothing may be lost or cut
 * without a warning, and nothing may be warned about that was read as written.
 */
class DotEnvParserTest {

    @TempDir
    Path dir;

    /**
     * @param warnings {@code LINE: problem}, the file's path is put in front
     */
    record Case(String name, byte[] content, Map<String, String> values, List<String> warnings) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, Object content, Map<String, String> values) {
        return new Case(name, bytes(content), values, List.of());
    }

    static Case warns(String name, Object content, Map<String, String> values, String... warnings) {
        return new Case(name, bytes(content), values, List.of(warnings));
    }

    /** Strings as UTF-8, integers as one raw byte, byte arrays as they are. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof Integer b) {
                out.write(b);
            } else if (part instanceof byte[] raw) {
                out.writeBytes(raw);
            } else if (part instanceof Object[] more) {
                out.writeBytes(bytes(more));
            }
        }
        return out.toByteArray();
    }

    static final int LATIN1_E_ACUTE = 0xE9;
    static final String SKIPPED_UTF8 = "; the line is skipped (save the file as UTF-8)";
    static final String BAD_NAME = "the name before '=' is not a valid variable name (letters, digits and '_', not "
            + "starting with a digit); the line is skipped";

    static Stream<Case> cases() {
        return Stream.of(
                // --- names, '=', export -------------------------------------------------------------------------
                ok("a plain line", "OPENAI_API_KEY=sk-plain\n", Map.of("OPENAI_API_KEY", "sk-plain")),
                ok("blanks around the name and '=' (python-dotenv)", "  OPENAI_MODEL =  gpt-4.1  \n",
                        Map.of("OPENAI_MODEL", "gpt-4.1")),
                ok("an export prefix (a file a shell can source)", "export OPENAI_API_KEY=sk-exported\n",
                        Map.of("OPENAI_API_KEY", "sk-exported")),
                ok("export with tabs and blanks", "\texport\t  GROK_MODEL = grok-4\n", Map.of("GROK_MODEL", "grok-4")),
                ok("a name that starts with export", "exported_name=1\nexport=2\n",
                        Map.of("exported_name", "1", "export", "2")),
                ok("an empty value", "OPENAI_BASE_URL=\n", Map.of("OPENAI_BASE_URL", "")),
                ok("'=' inside the value", "A=b=c==\n", Map.of("A", "b=c==")),
                warns("a name with blanks in it", "OPENAI API KEY=sk-x\nB=2\n", Map.of("B", "2"), "1: " + BAD_NAME),
                warns("a name starting with a digit", "1A=x\n", Map.of(), "1: " + BAD_NAME),
                warns("a name with a dash", "OPENAI-API-KEY=x\n", Map.of(), "1: " + BAD_NAME),
                warns("no name", "=x\n", Map.of(), "1: " + BAD_NAME),
                warns("a quoted name", "'A'=x\n", Map.of(), "1: " + BAD_NAME),
                warns("a line without '='", "this line is not a variable\nOPENAI_API_KEY=sk-ok\n",
                        Map.of("OPENAI_API_KEY", "sk-ok"), "1: not a NAME=value line (no '='); the line is skipped"),
                warns("a bare name (Compose's pass-through) sets nothing", "export GROK_API_KEY\n", Map.of(),
                        "1: not a NAME=value line (no '='); the line is skipped"),
                warns("a name set twice: the later wins", "A=first\n\nA=second\n", Map.of("A", "second"),
                        "3: A is set again (also on line 1); the value on this line is used"),

                // --- comments and blank lines --------------------------------------------------------------------
                ok("comments, indented comments, blank and blank-only lines",
                        "# providers\n   # indented\n\n \t \nA=1\n#B=2\n", Map.of("A", "1")),
                ok("'#' inside an unquoted value is kept (the README's ' # ' rule)", "OPENAI_API_KEY=sk-abc#def\n",
                        Map.of("OPENAI_API_KEY", "sk-abc#def")),
                ok("' #' ends an unquoted value", "A=b #c\n", Map.of("A", "b")),
                ok("tab '#' ends an unquoted value", "A=b\t#c\n", Map.of("A", "b")),
                ok("blanks then '#' right after '=': empty", "A= # nothing yet\n", Map.of("A", "")),
                ok("'#' right after '=' is the value", "A=#b\n", Map.of("A", "#b")),
                ok("the .env.example style", "ANTHROPIC_ENABLED=true            # true/false\n",
                        Map.of("ANTHROPIC_ENABLED", "true")),
                ok("blanks inside an unquoted value are kept, at its end dropped", "A=b  c \t\n",
                        Map.of("A", "b  c")),

                // --- quotes --------------------------------------------------------------------------------------
                ok("double quotes removed", "GEMINI_MODEL=\"gemini-2.5-flash\"\n",
                        Map.of("GEMINI_MODEL", "gemini-2.5-flash")),
                ok("single quotes removed", "GROK_MODEL='grok-3'\n", Map.of("GROK_MODEL", "grok-3")),
                ok("'#' and blanks inside quotes are kept", "A=\"b # c \"\nB='d#e'\n",
                        Map.of("A", "b # c ", "B", "d#e")),
                ok("a comment after the closing quote", "A=\"b\" # comment\nB='c'#comment\n",
                        Map.of("A", "b", "B", "c")),
                ok("an apostrophe inside an unquoted value", "INNER=it's\n", Map.of("INNER", "it's")),
                ok("escapes in double quotes (python-dotenv's)",
                        "A=\"q\\\"x\\\" s\\'y b\\\\z n\\nt\\tr\\ra\\ab\\bf\\fv\\v\"\n",
                        Map.of("A", "q\"x\" s'y b\\z n\nt\tr\ra\u0007b\bf\fv\u000B")),
                ok("other backslashes in double quotes stay", "A=\"C:\\dir \\d \\$\"\n", Map.of("A", "C:\\dir \\d \\$")),
                ok("escapes in single quotes: only \\\\ and \\'", "A='x\\'y\\\\z\\n'\n", Map.of("A", "x'y\\z\\n")),
                ok("an escaped backslash before the closing quote", "A=\"b\\\\\"\n", Map.of("A", "b\\")),
                ok("no escapes in an unquoted value", "A=C:\\new\\t\n", Map.of("A", "C:\\new\\t")),
                ok("no $ expansion", "A=$HOME\nB=\"${A}\"\nC='$A'\n", Map.of("A", "$HOME", "B", "${A}", "C", "$A")),
                ok("a multi-line double-quoted value (a PEM key, base64 padding included)",
                        "KEY=\"-----BEGIN KEY-----\nMIIBIjANBgkq+hkiG9w0\nIDAQAB==\n-----END KEY-----\"\nB=2\n",
                        Map.of("KEY", "-----BEGIN KEY-----\nMIIBIjANBgkq+hkiG9w0\nIDAQAB==\n-----END KEY-----",
                                "B", "2")),
                ok("a multi-line single-quoted value", "A='one\ntwo'  # comment\nB=2\n",
                        Map.of("A", "one\ntwo", "B", "2")),
                warns("an unclosed quote at the end of the file: only its line is skipped",
                        "A=1\nB=2\nOPENAI_API_KEY=\"sk-unclosed\n# the end\n", Map.of("A", "1", "B", "2"),
                        "3: OPENAI_API_KEY: the quote (\") opened here is never closed; the line is skipped"),
                warns("an unclosed quote before a line that sets a variable", "A=\"abc\nB=2\nC=\"c\"\n",
                        Map.of("B", "2", "C", "c"),
                        "1: A: the quote (\") opened here is not closed before line 2, which sets a variable of its "
                                + "own; the line is skipped"),
                warns("an unclosed single quote before an exported variable", "A='abc\nexport B=2\n",
                        Map.of("B", "2"),
                        "1: A: the quote (') opened here is not closed before line 2, which sets a variable of its "
                                + "own; the line is skipped"),
                warns("text after the closing quote", "A=\"abc\"def\nB=2\n", Map.of("B", "2"),
                        "1: A: text follows the closing quote (\"); the line is skipped"),
                warns("a quote closed on a later line with text after it", "A=\"abc\nnot a \"variable\nB=2\n",
                        Map.of("B", "2"),
                        "1: A: the quote (\") opened here is closed on line 2, but text follows it there; the line "
                                + "is skipped",
                        "2: not a NAME=value line (no '='); the line is skipped"),

                // --- encodings and line ends ---------------------------------------------------------------------
                ok("a UTF-8 byte-order mark does not eat the first name",
                        bytes(0xEF, 0xBB, 0xBF, "OPENAI_API_KEY=sk-bom\nB=2\n"),
                        Map.of("OPENAI_API_KEY", "sk-bom", "B", "2")),
                ok("UTF-16 with a byte-order mark (Windows PowerShell's '>')",
                        bytes(0xFF, 0xFE, "A=caf\u00e9\r\nB=2\r\n".getBytes(StandardCharsets.UTF_16LE)),
                        Map.of("A", "caf\u00e9", "B", "2")),
                ok("UTF-8 beyond ASCII", "A=caf\u00e9 \u20ac\n", Map.of("A", "caf\u00e9 \u20ac")),
                ok("CRLF line ends", "A=1\r\nB=\"two\"\r\nC=3 # c\r\n", Map.of("A", "1", "B", "two", "C", "3")),
                ok("CR line ends", "A=1\rB=2\r", Map.of("A", "1", "B", "2")),
                ok("no line end at the end", "A=1\nB=2", Map.of("A", "1", "B", "2")),
                warns("a Latin-1 byte in a comment costs only that line",
                        bytes("# caf", LATIN1_E_ACUTE, "\nOPENAI_API_KEY=sk-after\n"),
                        Map.of("OPENAI_API_KEY", "sk-after"),
                        "1: not UTF-8 (byte 6 of the line is invalid)" + SKIPPED_UTF8),
                warns("a Latin-1 byte in a value: the variable is named, the others are read",
                        bytes("A=1\nOPENAI_MODEL=caf", LATIN1_E_ACUTE, "\nC=3\n"), Map.of("A", "1", "C", "3"),
                        "2: OPENAI_MODEL: not UTF-8 (byte 17 of the line is invalid)" + SKIPPED_UTF8),
                warns("a Latin-1 byte in an exported name", bytes("export caf", LATIN1_E_ACUTE, "=1\nB=2\n"),
                        Map.of("B", "2"), "1: not UTF-8 (byte 11 of the line is invalid)" + SKIPPED_UTF8),
                warns("a quoted value that runs into a line that is not UTF-8",
                        bytes("A=\"one\ntw", LATIN1_E_ACUTE, "\"\nB=2\n"), Map.of("B", "2"),
                        "1: A: the quote (\") opened here is not closed before line 2, which is not UTF-8; the line "
                                + "is skipped",
                        "2: not UTF-8 (byte 3 of the line is invalid)" + SKIPPED_UTF8),
                warns("a truncated UTF-8 sequence at the end of a line",
                        bytes("A=", 0xE2, 0x82, "\nB=2\n"), Map.of("B", "2"),
                        "1: A: not UTF-8 (byte 3 of the line is invalid)" + SKIPPED_UTF8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsEachRule(Case c) throws IOException {
        Path file = Files.write(dir.resolve("case.env"), c.content());

        DotEnv env = Environment.dotEnvFile(file);

        assertThat(env.values()).as("variables").isEqualTo(c.values());
        assertThat(env.warnings()).extracting(DotEnvWarning::message).as("warnings")
                .containsExactlyElementsOf(c.warnings().stream().map(w -> file + ":" + w).toList());
        assertThat(env.warnings()).allSatisfy(w -> assertThat(w.file()).isEqualTo(file));
    }

    @Test
    void warningsCarryTheLineNumberAndNeverAValue() throws IOException {
        String secret = "sk-s3cr3t-VALUE-never-shown";
        Path file = Files.write(dir.resolve("secret.env"), bytes(
                "OPENAI_API_KEY=\"", secret, "\n",                      // 1: unclosed quote
                "OPENAI_API_KEY=\"", secret, "\"tail\n",                // 2: text after the quote
                secret, "\n",                                           // 3: no '='
                secret, "=x\n",                                         // 4: a secret where the name belongs
                "GROK_API_KEY=", secret, LATIN1_E_ACUTE, "\n",          // 5: not UTF-8
                "GEMINI_API_KEY=", secret, "\n",
                "GEMINI_API_KEY=", secret, "\n"));                      // 7: set twice

        DotEnv env = Environment.dotEnvFile(file);

        assertThat(env.warnings()).extracting(DotEnvWarning::line).containsExactly(1, 2, 3, 4, 5, 7);
        assertThat(env.warnings()).extracting(DotEnvWarning::message).noneMatch(m -> m.contains("s3cr3t"));
        assertThat(env.toString()).doesNotContain("s3cr3t").contains("GEMINI_API_KEY");
    }

    @Test
    void aMissingDefaultFileOrADirectoryCalledDotEnvIsSilent() throws IOException {
        Path venv = Files.createDirectories(dir.resolve("venv").resolve(".env"));

        assertThat(DotEnvParser.read(dir.resolve("absent.env"), null)).isEqualTo(DotEnv.empty(dir.resolve("absent.env")));
        assertThat(DotEnvParser.read(venv, null).warnings()).isEmpty();
    }

    @Test
    void llmEnvFileNamingAMissingFileIsAWarningNamingTheVariableAndThePath() {
        Path missing = dir.resolve("missing.env");

        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", missing.toString())));

        assertThat(env.values()).isEmpty();
        assertThat(env.warnings()).extracting(DotEnvWarning::message)
                .containsExactly("LLM_ENV_FILE names " + missing + ", which does not exist; no .env file is read");
        assertThat(env.warnings().get(0).line()).isZero();
    }

    @Test
    void llmEnvFileNamingADirectoryIsAWarning() {
        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", dir.toString())));

        assertThat(env.warnings()).extracting(DotEnvWarning::message)
                .containsExactly("LLM_ENV_FILE names " + dir + ", which is a directory; no .env file is read");
    }

    @Test
    void aRelativeLlmEnvFileIsNamedByItsAbsolutePath() {
        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", "no-such-dir/x.env")));

        assertThat(env.warnings()).extracting(DotEnvWarning::message).containsExactly("LLM_ENV_FILE names "
                + Path.of("no-such-dir/x.env").toAbsolutePath() + ", which does not exist; no .env file is read");
    }

    @Test
    void devNullIsTheWayToSayNoFile() {
        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", "/dev/null")));

        assertThat(env.values()).isEmpty();
        assertThat(env.warnings()).isEmpty();
    }

    @Test
    void aDeviceOtherThanDevNullIsNotRead() {
        assumeThat(Path.of("/dev/zero")).exists();

        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", "/dev/zero")));

        assertThat(env.warnings()).extracting(DotEnvWarning::message).containsExactly("LLM_ENV_FILE names /dev/zero, "
                + "which is not a regular file (a device or a pipe); no .env file is read");
    }

    @Test
    void aFileLargerThanTheLimitIsNotReadAndSaysSo() throws IOException {
        byte[] big = new byte[DotEnvParser.MAX_BYTES + 1];
        Arrays.fill(big, (byte) '#');
        Path file = Files.write(dir.resolve("big.env"), big);

        DotEnv env = Environment.dotEnvFile(file);

        assertThat(env.warnings()).extracting(DotEnvWarning::message)
                .containsExactly(file + " is larger than 1 MiB; it is not read");
    }

    @Test
    void aFileAtTheLimitIsRead() throws IOException {
        byte[] content = new byte[DotEnvParser.MAX_BYTES];
        Arrays.fill(content, (byte) '#');
        byte[] line = "\nA=1\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, content, content.length - line.length, line.length);
        Path file = Files.write(dir.resolve("limit.env"), content);

        assertThat(Environment.dotEnvFile(file).values()).isEqualTo(Map.of("A", "1"));
    }

    @Test
    void invalidUtf16IsAWarningForTheFile() throws IOException {
        Path file = Files.write(dir.resolve("utf16.env"), bytes(0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC));

        assertThat(Environment.dotEnvFile(file).warnings()).extracting(DotEnvWarning::message)
                .containsExactly(file + " starts as UTF-16 text (byte-order mark) but is not valid UTF-16; it is not read");
    }

    @Test
    void anUnreadableFileIsAWarning() throws IOException {
        Path file = Files.writeString(dir.resolve("locked.env"), "A=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("not running as root").isFalse();

        DotEnv env = Environment.dotEnv(Environment.of(Map.of("LLM_ENV_FILE", file.toString())));

        assertThat(env.warnings()).extracting(DotEnvWarning::message).containsExactly("LLM_ENV_FILE names " + file
                + ", which cannot be read (permission denied); no .env file is read");
    }
}
