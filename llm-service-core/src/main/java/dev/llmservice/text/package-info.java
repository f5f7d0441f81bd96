/**
 * Text shown to people: {@link dev.llmservice.text.Excerpt}, how every message quotes a value it was given.
 */
package dev.llmservice.text;
