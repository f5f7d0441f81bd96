package dev.llmservice.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every known secret in a text by its masked form ({@code sk-a…9f3c}): the last line of defence that
 * keeps a key or token out of anything shown (CLI output, HTTP answers, log lines) even if a vendor's error message
 * echoes it back. The providers already mask their own key in everything they produce.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretMasker {

    /**
     * Shorter "secrets" are not real keys and cannot be told apart from ordinary words: replacing them
     * everywhere would garble the output (they are still shown only masked where they are shown on purpose).
     */
    public static final int MIN_SECRET_LENGTH = 8;

    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A masker for {@code secrets}; {@code null}, blank and very short ones are ignored. */
    public static SecretMasker of(Collection<String> secrets) {
        // Longest first, so a key that contains another key is masked whole.
        return new SecretMasker(secrets.stream().filter(Objects::nonNull).map(String::strip)
                .filter(s -> s.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** Masks nothing. */
    public static SecretMasker none() {
        return NONE;
    }

    /** This masker's secrets and {@code other}'s. */
    public SecretMasker and(SecretMasker other) {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.addAll(other.secrets);
        return of(all);
    }

    /** {@code text} with every secret replaced by its mask; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, ApiKey.mask(secret));
            }
        }
        return result;
    }
}
