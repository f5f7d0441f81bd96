package dev.llmservice.spring.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A configured bearer token, compared in constant time. Both sides are hashed first, so neither the
 * content nor the length of the secret shows in how long a comparison takes ({@link MessageDigest#isEqual}
 * alone returns early on a length mismatch). {@code toString} never shows the token.
 */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** A token; {@code null} or blank gives {@code null}: none configured. */
    public static BearerToken ofNullable(String token) {
        return token == null || token.isBlank() ? null : new BearerToken(token.strip());
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean matchesHeader(String authorization) {
        String presented = credentials(authorization);
        // Hash even when nothing was presented, so a missing token costs the same as a wrong one.
        return MessageDigest.isEqual(digest, sha256(presented == null ? "" : presented)) && presented != null;
    }

    /** The credentials of a {@code Bearer} header (scheme in any case), or {@code null}. */
    static String credentials(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
