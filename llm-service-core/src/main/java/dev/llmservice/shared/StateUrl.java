package dev.llmservice.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the replicas' shared state lives: {@code redis://[user:password@]host[:port][/db]}, {@code rediss://} for
 * TLS. The user and password may be percent-encoded ({@code p%40ss} for {@code p@ss}); {@code redis://:password@host}
 * gives a password without a user (Redis before ACLs).
 *
 * <p>The password never appears in {@link #toString()}, {@link #location()} or any message: they show {@code …}.
 *
 * @param tls      whether the connection uses TLS ({@code rediss://})
 * @param host     the host name or address
 * @param port     the port, 1 to 65535; {@value #DEFAULT_PORT} when not given
 * @param database the database number, 0 or more; 0 when not given
 * @param user     the user, or {@code null}
 * @param password the password, or {@code null}; never shown
 */
public record StateUrl(boolean tls, String host, int port, int database, String user, String password) {

    /** Redis's port when the URL gives none. */
    public static final int DEFAULT_PORT = 6379;
    /** What {@code LLM_STATE_URL} accepts, in the words of its problem message. */
    public static final String ACCEPTED = "redis://[user:password@]host:port[/db] (rediss:// for TLS), e.g. "
            + "redis://redis.internal:6379/0";

    public StateUrl {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code value}.
     *
     * @throws IllegalArgumentException when it is not such a URL; the message says what is wrong and never contains
     *                                  the value (which may hold a password)
     */
    public static StateUrl parse(String value) {
        String s = value.strip();
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw new IllegalArgumentException("its scheme must be redis or rediss");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("no ?query or #fragment is accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be from 1 to 65535");
        }
        int database = 0;
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("the path must be a database number (/0)");
            }
            database = Integer.parseInt(db);
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            if (user.isEmpty()) {
                user = null;
            }
        }
        return new StateUrl(scheme.equalsIgnoreCase("rediss"), host, port, database, user, password);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * {@code value} with whatever follows the user in its user information replaced by {@code …}: what a message
     * may quote of a URL that could not be parsed.
     */
    public static String redact(String value) {
        int start = value.indexOf("://");
        int at = value.lastIndexOf('@');
        if (start < 0 || at < start) {
            return value;
        }
        int colon = value.indexOf(':', start + 3);
        return colon < 0 || colon > at ? value : value.substring(0, colon + 1) + "\u2026" + value.substring(at);
    }

    /** The URL for messages and status: {@code redis://user:…@host:6379/0}. */
    public String location() {
        String who = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":\u2026") + "@";
        return (tls ? "rediss" : "redis") + "://" + who + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return location();
    }
}
