package dev.llmservice.journal;

import dev.llmservice.consensus.marketdata.Candle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of the candles a consensus was asked about: SHA-256, in lower-case hex, of one line per candle,
 * oldest first, {@code epoch_ms,open,high,low,close,volume\n}, numbers as {@link Double#toString(double)} writes
 * them. The same candles always give the same fingerprint, whatever format (JSON objects, arrays, CSV) they came
 * in; so two entries with the same fingerprint were asked about the same data.
 */
public final class CandleFingerprint {

    private CandleFingerprint() {
    }

    /** The fingerprint of {@code candles}: 64 hex digits. */
    public static String of(List<Candle> candles) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        // One line and one byte array for all candles: every character of a line is ASCII.
        StringBuilder line = new StringBuilder(128);
        byte[] ascii = new byte[128];
        for (Candle c : candles) {
            line.setLength(0);
            line.append(c.date().toEpochMilli()).append(',').append(c.open()).append(',').append(c.high())
                    .append(',').append(c.low()).append(',').append(c.close()).append(',').append(c.volume())
                    .append('\n');
            int n = line.length();
            if (n > ascii.length) {
                ascii = new byte[n];
            }
            for (int i = 0; i < n; i++) {
                ascii[i] = (byte) line.charAt(i);
            }
            sha.update(ascii, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
