package dev.llmservice.cli.internal;

import dev.llmservice.config.ApiKey;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every known secret in a text by its masked form: the last line of defence that keeps a key out of
 * the command's output even if a vendor's error message echoes it back. The core already masks keys in
 * everything it produces; this catches what third-party messages might carry.
 */
public final class Redactor {

    /**
     * Shorter "secrets" are not real keys and cannot be told apart from ordinary words: replacing them
     * everywhere would garble the output (the core still shows them only masked).
     */
    static final int MIN_SECRET_LENGTH = 8;

    private final List<String> secrets;

    /** @param secrets the raw secrets; blank and very short ones are ignored */
    public Redactor(List<String> secrets) {
        // Longest first, so a key that contains another key is masked whole.
        this.secrets = secrets.stream().filter(Objects::nonNull).map(String::strip).filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, ApiKey.mask(secret));
        }
        return result;
    }
}
