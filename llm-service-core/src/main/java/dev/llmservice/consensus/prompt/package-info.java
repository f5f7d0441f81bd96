/**
 * The prompt every provider receives: {@link dev.llmservice.consensus.prompt.ConsensusPrompt}.
 */
package dev.llmservice.consensus.prompt;
