package dev.llmservice.journal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Journal entry ids: UUID version 7 (RFC 9562), text form. The first 48 bits are the Unix time in milliseconds,
 * so ids sort by creation time to the millisecond; the other 74 bits are random, so a CLI and servers writing the
 * same journal never collide and need no coordination.
 */
public final class JournalIds {

    /** The longest id the journal accepts (a UUID's text form has 36 characters). */
    public static final int MAX_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private JournalIds() {
    }

    /** A new id for an entry made now by {@code clock}. */
    public static String next(Clock clock) {
        long millis = clock.millis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xFFL) << 4 | (random[1] & 0xFL)) & 0xFFF;
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (random[i] & 0xFFL);
        }
        lsb = lsb & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}
