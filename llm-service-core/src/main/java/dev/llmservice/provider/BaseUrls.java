package dev.llmservice.provider;

import java.net.URI;

/** Helpers for the vendors' base-URL conventions. */
public final class BaseUrls {

    private BaseUrls() {
    }

    /** {@code http://h/v1/} becomes {@code http://h/v1}. */
    public static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** Ensures the path ends with {@code suffix} (e.g. {@code /v1}); leaves it if it already does. */
    public static URI withSuffix(URI uri, String suffix) {
        URI stripped = stripTrailingSlash(uri);
        String s = stripped.toString();
        return s.endsWith(suffix) ? stripped : URI.create(s + suffix);
    }

    /** Removes a trailing {@code suffix} (e.g. {@code /v1beta}) so the result is the host root. */
    public static URI withoutSuffix(URI uri, String suffix) {
        URI stripped = stripTrailingSlash(uri);
        String s = stripped.toString();
        return s.endsWith(suffix) ? stripTrailingSlash(URI.create(s.substring(0, s.length() - suffix.length()))) : stripped;
    }
}
