package dev.llmservice.spring.actuate;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Keeps the decision journal out of the application's overall status and gives it a health group of its own:
 * {@code /actuator/health} stays UP while only the journal is DOWN (every consensus is still answered, so a load
 * balancer must not take the application out, nor an orchestrator restart it), and {@code /actuator/health/journal}
 * answers the journal's status (503 when DOWN) with its details.
 *
 * <p>Why a group: Spring Boot lists a component under {@code /actuator/health} only if it counts in its status,
 * and serves {@code /actuator/health/{component}} only for such members; a group is the one place a contributor can
 * be shown without counting. A group and a contributor may not share a name, hence the contributor's own name
 * ({@value JournalHealthIndicator#NAME}). An application that defines its own {@code journal} group keeps it.
 */
public class JournalOutsideOverallStatus implements HealthEndpointGroupsPostProcessor {

    /** The group, {@code /actuator/health/journal}. */
    public static final String GROUP = "journal";

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup primary = groups.getPrimary();
        Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
        for (String name : groups.getNames()) {
            named.put(name, groups.get(name));
        }
        named.putIfAbsent(GROUP, new Members(primary, JournalHealthIndicator.NAME::equals));
        return HealthEndpointGroups.of(new Members(primary, name -> !JournalHealthIndicator.NAME.equals(name)
                && primary.isMember(name)), named);
    }

    /** The primary group's settings (who sees components and details, status order, HTTP codes), other members. */
    private record Members(HealthEndpointGroup settings, Predicate<String> members) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return members.test(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return settings.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return settings.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return settings.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return settings.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return null;
        }
    }
}
