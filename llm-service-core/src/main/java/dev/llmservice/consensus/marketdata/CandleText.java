package dev.llmservice.consensus.marketdata;

import java.time.Instant;

/**
 * The fast paths of {@link MarketDataParser}, for the forms candles nearly always take: a date
 * {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} in UTC ({@code Z} or {@code +00:00}, a space allowed for the {@code T}),
 * and a plain decimal number. Each reads its text without allocating (but the {@link Instant} it returns) or says it
 * cannot: the parser then takes its general path ({@code OffsetDateTime.parse}, the decimal pattern), which accepts
 * the odd-but-valid forms this does not ({@code 2024-05-01t12:00z}, {@code -00:00}, {@code +00:00:00}, white space
 * around) and words every error. So a fast path decides nothing the general one would decide differently: it only
 * answers sooner. Under load the general date path was most of the server's busy threads (one
 * {@code OffsetDateTime.parse} per candle, ~20 objects each).
 */
final class CandleText {

    private static final long SECONDS_PER_DAY = 86_400;

    private CandleText() {
    }

    /**
     * The instant of an ISO-8601 date-time in UTC in the common forms, or {@code null} when {@code s} is not in one
     * of them or is not a real date (February 30, hour 24): the caller then reads it the general way.
     */
    static Instant utcDate(String s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm then Z at least; the zone is Z or +00:00.
        if (n < 17) {
            return null;
        }
        int zone;
        if (s.charAt(n - 1) == 'Z') {
            zone = n - 1;
        } else if (n >= 22 && s.regionMatches(n - 6, "+00:00", 0, 6)) {
            zone = n - 6;
        } else {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        char t = s.charAt(10);
        if ((year | month | day | hour | minute) < 0 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || t != 'T' && t != ' ' || s.charAt(13) != ':') {
            return null;
        }
        int second = 0;
        int nanos = 0;
        if (zone > 16) {
            second = zone >= 19 && s.charAt(16) == ':' ? digits(s, 17, 2) : -1;
            if (second < 0) {
                return null;
            }
            if (zone > 19) {
                // A fraction: '.' and 1 to 9 digits.
                int count = zone - 20;
                if (s.charAt(19) != '.' || count < 1 || count > 9) {
                    return null;
                }
                nanos = digits(s, 20, count);
                if (nanos < 0) {
                    return null;
                }
                for (int i = count; i < 9; i++) {
                    nanos *= 10;
                }
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        long epochSecond = daysSinceEpoch(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /**
     * Whether {@code s} is a decimal number as {@link MarketDataParser}'s pattern has it: an optional sign, digits
     * with an optional fraction (or a fraction alone, {@code .5}), an optional exponent. Same answer as
     * {@code [+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?}, without a matcher per number.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        boolean intDigits = i > intStart;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (!intDigits && i == fracStart) {
                return false;
            }
        } else if (!intDigits) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        return i == n;
    }

    /** Whether {@code s} is one or more ASCII digits. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (years 0 to 9999 here). */
    static long daysSinceEpoch(int year, int month, int day) {
        // Counted from March 1 of year 0, so that the leap day ends a year (H. Hinnant's days_from_civil).
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
