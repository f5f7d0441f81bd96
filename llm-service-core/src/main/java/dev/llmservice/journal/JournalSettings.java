package dev.llmservice.journal;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and whether the decision journal is kept, read from the environment by {@link #load(Environment)}.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code LLM_JOURNAL}</td><td>{@code on/off/true/false/1/0/yes/no}, any case</td><td>on</td></tr>
 *   <tr><td>{@code LLM_JOURNAL_URL}</td><td>{@code jdbc:sqlite:FILE} or
 *       {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?...]}</td>
 *       <td>{@code jdbc:sqlite:~/.llm-service/journal.db}</td></tr>
 *   <tr><td>{@code LLM_JOURNAL_USER}</td><td>PostgreSQL user (or {@code user=} in the URL)</td><td>none</td></tr>
 *   <tr><td>{@code LLM_JOURNAL_PASSWORD}</td><td>PostgreSQL password (or {@code password=} in the URL); never shown</td>
 *       <td>none</td></tr>
 * </table>
 *
 * <p>{@code ~/} at the start of a SQLite file is the user's home directory. The password never appears in
 * {@link #toString()}, {@link #location()} or any message.
 *
 * @param enabled  whether consensus results are recorded
 * @param url      the JDBC URL
 * @param user     the database user, or {@code null}
 * @param password the database password, or {@code null}; never shown
 */
public record JournalSettings(boolean enabled, String url, String user, String password) {

    public static final String ENABLED_VARIABLE = "LLM_JOURNAL";
    public static final String URL_VARIABLE = "LLM_JOURNAL_URL";
    public static final String USER_VARIABLE = "LLM_JOURNAL_USER";
    public static final String PASSWORD_VARIABLE = "LLM_JOURNAL_PASSWORD";

    /** The URL prefix of an SQLite journal. */
    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    /** The URL prefix of a PostgreSQL journal. */
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    /** What {@code LLM_JOURNAL_URL} accepts, in the words of its problem message. */
    public static final String URL_ACCEPTED = SQLITE_PREFIX + "FILE (e.g. jdbc:sqlite:/var/lib/llm-service/journal.db) or "
            + POSTGRESQL_PREFIX + "HOST[:PORT]/DATABASE";
    /** What {@code LLM_JOURNAL} accepts. */
    public static final String ENABLED_ACCEPTED = "one of on/off/true/false/1/0/yes/no";

    private static final List<String> ON = List.of("on", "true", "1", "yes");
    private static final List<String> OFF = List.of("off", "false", "0", "no");
    private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(://[^/@:]*):[^/@]*@");

    public JournalSettings {
        Objects.requireNonNull(url, "url");
    }

    /** The default SQLite file: {@code ~/.llm-service/journal.db}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".llm-service", "journal.db");
    }

    /**
     * The settings {@code env} gives.
     *
     * @throws InvalidJournalSettingsException listing every invalid value, each naming the variable and the value
     *                                         (a password in a URL is shown as {@code …})
     */
    public static JournalSettings load(Environment env) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean enabled = true;
        String rawEnabled = value(env, ENABLED_VARIABLE);
        if (rawEnabled != null) {
            String word = rawEnabled.toLowerCase(Locale.ROOT);
            if (OFF.contains(word)) {
                enabled = false;
            } else if (!ON.contains(word)) {
                problems.add(new ConfigProblem(ENABLED_VARIABLE, rawEnabled, ENABLED_ACCEPTED));
            }
        }
        String url = value(env, URL_VARIABLE);
        if (url == null) {
            url = SQLITE_PREFIX + defaultFile();
        } else if (!isSupported(url)) {
            problems.add(new ConfigProblem(URL_VARIABLE, redact(url), URL_ACCEPTED));
        }
        if (!problems.isEmpty()) {
            throw new InvalidJournalSettingsException(problems);
        }
        return new JournalSettings(enabled, url, value(env, USER_VARIABLE), value(env, PASSWORD_VARIABLE));
    }

    /** Whether this is an SQLite journal. */
    public boolean isSqlite() {
        return url.startsWith(SQLITE_PREFIX);
    }

    /** Whether this is a PostgreSQL journal. */
    public boolean isPostgresql() {
        return url.startsWith(POSTGRESQL_PREFIX);
    }

    /**
     * The SQLite file ({@code ~/} expanded).
     *
     * @throws IllegalStateException when this is not an SQLite journal
     */
    public Path sqliteFile() {
        if (!isSqlite()) {
            throw new IllegalStateException("not an SQLite journal: " + location());
        }
        String file = url.substring(SQLITE_PREFIX.length());
        if (file.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(file.substring(2));
        }
        return Path.of(file);
    }

    /** Where the journal is, for messages: the SQLite file, or the URL with any password replaced by {@code …}. */
    public String location() {
        return isSqlite() ? sqliteFile().toAbsolutePath().toString() : redact(url);
    }

    /** {@code url} with a password (in {@code user:password@} or a {@code password=} parameter) replaced by {@code …}. */
    public static String redact(String url) {
        String s = USER_INFO.matcher(url).replaceAll("$1:\u2026@");
        return PASSWORD_PARAMETER.matcher(s).replaceAll("$1\u2026");
    }

    @Override
    public String toString() {
        return "JournalSettings[enabled=" + enabled + ", location=" + location() + ", user=" + user + ", password="
                + (password == null ? "none" : "\u2026") + "]";
    }

    private static boolean isSupported(String url) {
        if (url.startsWith(SQLITE_PREFIX)) {
            String file = url.substring(SQLITE_PREFIX.length());
            // ":memory:" and "file:...?mode=memory" would be a separate database per connection: nothing shared, all lost.
            return !file.isBlank() && !file.startsWith(":") && !file.startsWith("file:") && !file.contains("?");
        }
        return POSTGRES.matcher(url).matches();
    }

    private static String value(Environment env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip();
    }
}
