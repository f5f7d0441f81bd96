/**
 * Implementation details of the orchestrator and the in-process consensus cache; not API, may change without notice.
 */
package dev.llmservice.consensus.internal;
