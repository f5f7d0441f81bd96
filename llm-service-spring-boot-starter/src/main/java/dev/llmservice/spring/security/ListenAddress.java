package dev.llmservice.spring.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the server listens. Without {@code LLM_API_TOKEN} the status and consensus operations are open, and a
 * consensus spends money at every configured vendor, so by default they are reachable from this machine only:
 *
 * <table>
 *   <caption>Address chosen</caption>
 *   <tr><th>configured</th><th>listens on</th><th>start-up line</th></tr>
 *   <tr><td>{@code server.address} (also {@code SERVER_ADDRESS}, {@code --server.address})</td><td>that address</td>
 *       <td>info; a warning when it is not a loopback address and no API token is set</td></tr>
 *   <tr><td>else {@code LLM_BIND_ADDRESS} ({@code llm.bind.address}, also read from {@code .env})</td>
 *       <td>that address ({@code 0.0.0.0}: every interface)</td><td>the same</td></tr>
 *   <tr><td>else an API token</td><td>every interface (the container's default)</td><td>info</td></tr>
 *   <tr><td>else</td><td>{@code 127.0.0.1} only</td><td>info, saying how to listen elsewhere</td></tr>
 * </table>
 *
 * Applied after Spring Boot's own customizers, which set {@code server.address}.
 */
public final class ListenAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    /** Variable naming the address to listen on, also looked up in {@code .env}. */
    public static final String BIND_ADDRESS_VARIABLE = "LLM_BIND_ADDRESS";

    private static final Logger LOG = LoggerFactory.getLogger(ListenAddress.class);

    private final Choice choice;

    /**
     * @param serverAddress {@code server.address} as configured, or {@code null}
     * @param bindAddress   {@code LLM_BIND_ADDRESS} as configured, or {@code null}
     * @param apiToken      whether {@code LLM_API_TOKEN} guards the status and consensus operations
     * @throws IllegalArgumentException when {@code LLM_BIND_ADDRESS} is not an address of this machine's form
     */
    public ListenAddress(String serverAddress, String bindAddress, boolean apiToken) {
        this.choice = choose(serverAddress, bindAddress, apiToken);
    }

    /**
     * What to listen on and what to say about it.
     *
     * @param address {@code null}: leave the factory's address as it is (server.address, or every interface)
     * @param warn    whether the line is a warning: the open operations are reachable from other machines
     */
    record Choice(InetAddress address, boolean warn, String message) {
    }

    static Choice choose(String serverAddress, String bindAddress, boolean apiToken) {
        String server = blankToNull(serverAddress);
        String bind = blankToNull(bindAddress);
        if (server != null) {
            return explicit(server, "server.address", apiToken, null);
        }
        if (bind != null) {
            return explicit(bind, BIND_ADDRESS_VARIABLE, apiToken, parse(bind));
        }
        if (apiToken) {
            return new Choice(null, false, "listening on every interface; status and consensus need LLM_API_TOKEN");
        }
        return new Choice(InetAddress.getLoopbackAddress(), false, "listening on 127.0.0.1 only: no LLM_API_TOKEN is "
                + "set, so status and consensus are open to whoever can connect; set LLM_API_TOKEN to listen on every "
                + "interface, or LLM_BIND_ADDRESS (e.g. 0.0.0.0) to listen elsewhere without one");
    }

    private static Choice explicit(String value, String setting, boolean apiToken, InetAddress address) {
        boolean local = isLoopback(address != null ? address : tryParse(value));
        if (apiToken || local) {
            return new Choice(address, false, "listening on " + value + " (" + setting + ")"
                    + (apiToken ? "; status and consensus need LLM_API_TOKEN" : ""));
        }
        return new Choice(address, true, "listening on " + value + " (" + setting + ") with no LLM_API_TOKEN: whoever "
                + "can reach it can read the providers' status and run consensus, which calls the paid vendors; set "
                + "LLM_API_TOKEN, or listen on 127.0.0.1");
    }

    private static InetAddress parse(String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException(BIND_ADDRESS_VARIABLE + " was '" + value + "' but it must be an IP "
                    + "address or a host name of this machine, e.g. 127.0.0.1, or 0.0.0.0 for every interface");
        }
    }

    private static InetAddress tryParse(String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            return null;  // Spring Boot reports a server.address it cannot bind itself
        }
    }

    private static boolean isLoopback(InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        if (choice.address() != null) {
            factory.setAddress(choice.address());
        }
        if (choice.warn()) {
            LOG.warn(choice.message());
        } else {
            LOG.info(choice.message());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
