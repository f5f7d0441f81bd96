/**
 * Reading a model's reply: {@link dev.llmservice.consensus.answer.AnswerParser}, tolerant of how JSON is
 * wrapped, strict about what it says.
 */
package dev.llmservice.consensus.answer;
