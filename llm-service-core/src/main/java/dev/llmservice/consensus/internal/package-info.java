/**
 * Implementation details of the orchestrator; not API, may change without notice.
 */
package dev.llmservice.consensus.internal;
