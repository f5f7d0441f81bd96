package dev.llmservice.cli;

import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code --url} and {@code --token}, as a mixin shared by every command that can run against a server:
 * {@code @Mixin ServerOptions server;}.
 */
public final class ServerOptions {

    /** Where {@code --url} mode takes the token from when {@code --token} is not given. */
    public static final String ADMIN_TOKEN_VARIABLE = "LLM_ADMIN_TOKEN";

    @Option(names = "--url", paramLabel = "URL", description = "Run against a running llm-service server's REST "
            + "API (e.g. http://host:8080) instead of this machine's providers.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for --url (the server's admin "
            + "token, or LLM_API_TOKEN for reads and consensus); default: " + ADMIN_TOKEN_VARIABLE + ".")
    String token;

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    /**
     * {@code url}, checked: an absolute http(s) URL with a host; {@code null} when {@code url} is {@code null}.
     *
     * @throws UsageError when it is not one, or when a token is given without a URL
     */
    static URI server(CommandLine commandLine, String url, String token) {
        if (url == null) {
            if (token != null) {
                throw new UsageError(commandLine, "--token needs --url (the server to send it to)");
            }
            return null;
        }
        URI parsed = parseUrl(url);
        if (parsed == null) {
            throw new UsageError(commandLine, "--url must be an http or https URL with a host, e.g. "
                    + "http://localhost:8080, not '" + url + "'");
        }
        return parsed;
    }

    /** An absolute http(s) URL with a host, or {@code null}. */
    static URI parseUrl(String url) {
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
