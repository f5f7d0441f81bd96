/**
 * Rendering a {@link dev.llmservice.consensus.ConsensusResult}: {@link
 * dev.llmservice.consensus.report.ConsensusJson} (the documented JSON) and {@link
 * dev.llmservice.consensus.report.ConsensusTable} (for people).
 */
package dev.llmservice.consensus.report;
