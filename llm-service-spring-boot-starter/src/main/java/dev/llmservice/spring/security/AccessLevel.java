package dev.llmservice.spring.security;

/** What a request needs. */
public enum AccessLevel {
    /** Not guarded by this starter (other Actuator endpoints, the application's own paths). */
    OPEN,
    /** Read-only status and consensus: open unless {@code LLM_API_TOKEN} is set; the admin token also passes. */
    READ,
    /** Probing or changing providers: {@code LLM_ADMIN_TOKEN} required; refused when none is configured. */
    ADMIN
}
