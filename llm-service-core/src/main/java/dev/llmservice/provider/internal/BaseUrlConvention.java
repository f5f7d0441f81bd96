package dev.llmservice.provider.internal;

import dev.llmservice.provider.BaseUrls;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How a provider type wants {@code P_BASE_URL}: as its vendor's SDKs take it, and the words that say so in
 * {@code --list}. One of three kinds: a version path the SDKs include ({@code /v1}, added if missing), the host root
 * (version paths removed), or the URL as given (only a trailing slash dropped).
 */
public final class BaseUrlConvention {

    private enum Kind { WITH_SUFFIX, HOST_ROOT, AS_GIVEN }

    private final Kind kind;
    private final List<String> suffixes;
    private final String description;

    private BaseUrlConvention(Kind kind, List<String> suffixes, String description) {
        this.kind = kind;
        this.suffixes = List.copyOf(suffixes);
        this.description = description;
    }

    /** The URL ends with {@code suffix} ({@code /v1}), which is added if missing, as OpenAI's SDKs expect it. */
    public static BaseUrlConvention withSuffix(String suffix) {
        return new BaseUrlConvention(Kind.WITH_SUFFIX, List.of(suffix), null);
    }

    /** The host root: each of {@code suffixes} is removed from the end, in order ({@code /v1beta}, then {@code /v1}). */
    public static BaseUrlConvention hostRoot(String... suffixes) {
        return new BaseUrlConvention(Kind.HOST_ROOT, List.of(suffixes), null);
    }

    /** Used as given, but for a trailing slash; {@code description} says what it should be. */
    public static BaseUrlConvention asGiven(String description) {
        return new BaseUrlConvention(Kind.AS_GIVEN, List.of(), Objects.requireNonNull(description, "description"));
    }

    /** {@code given} (an absolute http(s) URL) in this convention. */
    public URI normalize(URI given) {
        return switch (kind) {
            case WITH_SUFFIX -> BaseUrls.withSuffix(given, suffixes.get(0));
            case HOST_ROOT -> {
                URI url = given;
                for (String suffix : suffixes) {
                    url = BaseUrls.withoutSuffix(url, suffix);
                }
                yield url;
            }
            case AS_GIVEN -> BaseUrls.stripTrailingSlash(given);
        };
    }

    /** One line for {@code --list}, with the type's default endpoint as the example. */
    public String describe(URI defaultBaseUrl) {
        return switch (kind) {
            case WITH_SUFFIX -> "including " + suffixes.get(0) + ", e.g. " + defaultBaseUrl + " (a missing "
                    + suffixes.get(0) + " is added)";
            case HOST_ROOT -> "host root, e.g. " + defaultBaseUrl + " (a trailing " + String.join(" or ", suffixes)
                    + " is removed)";
            case AS_GIVEN -> description;
        };
    }
}
