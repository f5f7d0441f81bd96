/**
 * The one retry loop of a provider call: {@link dev.llmservice.provider.retry.RetryPolicy} (backoff, the vendor's
 * {@code retry-after}, the caller's deadline) and the {@link dev.llmservice.provider.retry.Sleeper} it waits with.
 *
 * <p>It lives with the providers, not in {@code resilience}, because the providers run it around each request
 * (the built-ins in {@code ChatModelProvider}), and nothing below {@code resilience} may import it. The circuit
 * breaker, which wraps whole providers from above, stays in {@code resilience}.
 */
package dev.llmservice.provider.retry;
