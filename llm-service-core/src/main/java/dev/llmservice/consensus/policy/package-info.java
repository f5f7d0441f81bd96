/**
 * The consensus rule: {@link dev.llmservice.consensus.policy.ConsensusPolicy} counts the votes (where the maths
 * is documented) and tells when the outcome is already certain.
 */
package dev.llmservice.consensus.policy;
