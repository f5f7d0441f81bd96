package dev.llmservice.spring.security;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenAddressTest {

    @Test
    void withoutAnApiTokenOrAnAddressItListensOn127001OnlyAndSaysHowToChangeIt() {
        ListenAddress.Choice c = ListenAddress.choose(null, " ", false);

        assertThat(c.address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(c.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(c.warn()).isFalse();
        assertThat(c.message()).startsWith("listening on 127.0.0.1 only: no LLM_API_TOKEN is set")
                .contains("LLM_BIND_ADDRESS");
    }

    @Test
    void withAnApiTokenItListensOnEveryInterface() {
        ListenAddress.Choice c = ListenAddress.choose(null, null, true);

        assertThat(c.address()).as("left to the factory: every interface").isNull();
        assertThat(c.warn()).isFalse();
        assertThat(c.message()).isEqualTo("listening on every interface; status and consensus need LLM_API_TOKEN");
    }

    @Test
    void anExplicitAddressOtherThanLoopbackWithoutATokenIsAWarning() {
        ListenAddress.Choice bind = ListenAddress.choose(null, "0.0.0.0", false);
        assertThat(bind.address().isAnyLocalAddress()).isTrue();
        assertThat(bind.warn()).isTrue();
        assertThat(bind.message()).startsWith("listening on 0.0.0.0 (LLM_BIND_ADDRESS) with no LLM_API_TOKEN")
                .contains("paid vendors");

        ListenAddress.Choice server = ListenAddress.choose("0.0.0.0", null, false);
        assertThat(server.address()).as("server.address is Spring Boot's to apply").isNull();
        assertThat(server.warn()).isTrue();
        assertThat(server.message()).startsWith("listening on 0.0.0.0 (server.address) with no LLM_API_TOKEN");
    }

    @Test
    void anExplicitLoopbackAddressOrATokenIsNoWarning() {
        assertThat(ListenAddress.choose(null, "127.0.0.1", false).warn()).isFalse();
        assertThat(ListenAddress.choose("::1", null, false).warn()).isFalse();
        ListenAddress.Choice withToken = ListenAddress.choose(null, "0.0.0.0", true);
        assertThat(withToken.warn()).isFalse();
        assertThat(withToken.message()).isEqualTo("listening on 0.0.0.0 (LLM_BIND_ADDRESS); status and consensus need "
                + "LLM_API_TOKEN");
    }

    @Test
    void serverAddressWinsOverLlmBindAddress() {
        ListenAddress.Choice c = ListenAddress.choose("127.0.0.1", "0.0.0.0", false);

        assertThat(c.address()).isNull();
        assertThat(c.message()).isEqualTo("listening on 127.0.0.1 (server.address)");
    }

    @Test
    void anAddressWithAPortIsRefusedNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> ListenAddress.choose(null, "0.0.0.0:8080", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LLM_BIND_ADDRESS was '0.0.0.0:8080' but it must be an IP address or a host name of this "
                        + "machine, e.g. 127.0.0.1, or 0.0.0.0 for every interface");
    }
}
