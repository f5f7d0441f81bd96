/**
 * One provider's vote ({@link dev.llmservice.consensus.vote.Vote}), its status and the decision it carries.
 */
package dev.llmservice.consensus.vote;
