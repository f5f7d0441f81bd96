/**
 * The consensus input: market data in the documented JSON form (candle objects or freqtrade arrays) or CSV, read
 * by {@link dev.llmservice.consensus.marketdata.MarketDataParser} and checked by {@link
 * dev.llmservice.consensus.marketdata.MarketDataRules}, every problem reported at once.
 */
package dev.llmservice.consensus.marketdata;
