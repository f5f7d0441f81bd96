package dev.llmservice.provider.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP answer as it came off the wire, success or failure: what LangChain4j's {@code HttpException} keeps (status
 * and body) plus the headers it drops ({@code retry-after}, {@code retry-after-ms}, {@code x-should-retry}).
 *
 * @param status  the HTTP status
 * @param headers every header; names are matched case-insensitively
 * @param body    the body as UTF-8 text; empty, never {@code null}
 */
public record CapturedResponse(int status, Map<String, List<String>> headers, String body) {

    public CapturedResponse {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    copy.put(name, List.copyOf(values));
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** A 2xx answer. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The first value of header {@code name} (any case), trimmed, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() || values.get(0) == null ? null : values.get(0).strip();
    }

    /** Status and header names only: bodies and header values may echo a key. */
    @Override
    public String toString() {
        return "CapturedResponse[status=" + status + ", headers=" + headers.keySet() + ", body=" + body.length()
                + " chars]";
    }
}
