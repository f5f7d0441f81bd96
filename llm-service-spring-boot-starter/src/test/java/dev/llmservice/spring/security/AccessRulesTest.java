package dev.llmservice.spring.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

    private final AccessRules rules = new AccessRules("/", "/actuator");

    @Test
    void readsAndConsensusAreReadEveryOtherApiCallIsAdmin() {
        assertThat(rules.levelOf("GET", "/api/v1/providers")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("HEAD", "/api/v1/providers/alpha")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "/api/v1/consensus")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "/api/v1/providers/alpha/enable")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/api/v1/providers/reinit")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/api/v1/providers/alpha/clear-override")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("PUT", "/api/v1/consensus")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("DELETE", "/api/v1/anything/new")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("OPTIONS", "/api/v1/providers")).isEqualTo(AccessLevel.ADMIN);
    }

    @Test
    void theOpenAiEndpointIsReadLikeAConsensusWhateverThePathOrMethod() {
        assertThat(rules.levelOf("GET", "/v1/models")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "/v1/chat/completions")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "//v1/chat//completions/")).isEqualTo(AccessLevel.READ);
        // Nothing under /v1 changes anything: any other path or method is the endpoint's own 404 or 405.
        assertThat(rules.levelOf("POST", "/v1/embeddings")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("DELETE", "/v1/chat/completions")).isEqualTo(AccessLevel.READ);
        assertThat(rules.isOpenAi("/v1/chat/completions")).isTrue();
        assertThat(rules.isOpenAi("/api/v1/providers")).isFalse();
        assertThat(rules.levelOf("GET", "/v1x")).isEqualTo(AccessLevel.OPEN);
    }

    @Test
    void pathTricksDoNotOpenAdminOperations() {
        assertThat(rules.levelOf("POST", "//api/v1//providers/alpha/disable/")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("post", "/API/V1/providers/alpha/disable")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/api/v1/consensus/../providers/reinit")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/actuator//llmproviders/reinit")).isEqualTo(AccessLevel.ADMIN);
    }

    @Test
    void onlyTheLlmprovidersEndpointIsGuardedAmongActuatorEndpoints() {
        assertThat(rules.levelOf("GET", "/actuator/llmproviders")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "/actuator/llmproviders/alpha/enable")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/actuator/llmproviders/alpha/clear-override")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("GET", "/actuator/health")).isEqualTo(AccessLevel.OPEN);
        assertThat(rules.levelOf("GET", "/actuator/llmprovidersx")).isEqualTo(AccessLevel.OPEN);
        assertThat(rules.levelOf("POST", "/my/own/endpoint")).isEqualTo(AccessLevel.OPEN);
    }

    @Test
    void dashboardFragmentsAreReadItsEventStreamIsOpenAnyWriteThereIsAdmin() {
        assertThat(rules.levelOf("GET", "/")).isEqualTo(AccessLevel.OPEN);
        assertThat(rules.levelOf("GET", "/dashboard/providers")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("GET", "//Dashboard/decisions/x/")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("GET", "/dashboard/events")).isEqualTo(AccessLevel.OPEN);
        assertThat(rules.levelOf("GET", "/dashboard/events/more")).isEqualTo(AccessLevel.READ);
        assertThat(rules.levelOf("POST", "/dashboard/events")).isEqualTo(AccessLevel.ADMIN);
        assertThat(rules.levelOf("POST", "/dashboard/providers")).isEqualTo(AccessLevel.ADMIN);
        assertThat(new AccessRules("/svc", "/actuator").levelOf("GET", "/svc/dashboard/providers"))
                .isEqualTo(AccessLevel.READ);
    }

    @Test
    void recognisesTheHealthEndpointItsComponentsAndGroupsOnly() {
        assertThat(rules.isHealth("/actuator/health")).isTrue();
        assertThat(rules.isHealth("/actuator/health/llmProviders")).isTrue();
        assertThat(rules.isHealth("//actuator/Health/readiness/")).isTrue();
        assertThat(rules.isHealth("/actuator/healthx")).isFalse();
        assertThat(rules.isHealth("/actuator/info")).isFalse();
        assertThat(rules.isHealth("/api/v1/health")).isFalse();
        assertThat(new AccessRules("/svc", "/manage").isHealth("/svc/manage/health")).isTrue();
    }

    @Test
    void followsTheConfiguredServletAndManagementPaths() {
        AccessRules moved = new AccessRules("/svc/", "/manage");
        assertThat(moved.levelOf("POST", "/svc/api/v1/providers/reinit")).isEqualTo(AccessLevel.ADMIN);
        assertThat(moved.levelOf("POST", "/svc/manage/llmproviders/reinit")).isEqualTo(AccessLevel.ADMIN);
        assertThat(moved.levelOf("GET", "/svc/api/v1/providers")).isEqualTo(AccessLevel.READ);
    }
}
