package dev.llmservice.shared;

/**
 * Whether this replica can reach the shared state now.
 *
 * @param up        whether it can (always, when nothing is shared)
 * @param location  where the state is, password masked ({@code redis://…@host:6379/0}), or {@code local}
 * @param replicaId this replica's id
 * @param reason    why it cannot, e.g. {@code unreachable since 2026-12-05T10:00:00Z (Connection refused)};
 *                  {@code null} when up
 */
public record SharedStateHealth(boolean up, String location, String replicaId, String reason) {
}
