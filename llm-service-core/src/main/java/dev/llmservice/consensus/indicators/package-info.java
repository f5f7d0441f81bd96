/**
 * Technical indicators computed locally from the candles (TA-Lib conventions): {@link
 * dev.llmservice.consensus.indicators.TechnicalIndicators} over arrays, {@link
 * dev.llmservice.consensus.indicators.IndicatorSnapshot} for the latest values.
 */
package dev.llmservice.consensus.indicators;
