package dev.llmservice.consensus.marketdata;

import dev.llmservice.testing.TestMarketData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of market data reading give exactly what the general ones (OffsetDateTime.parse, the decimal
 * pattern) give, and leave every other form to them: odd-but-valid dates are still read, invalid ones still named.
 */
class CandleTextTest {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /** The general path as MarketDataParser had it before the fast one. */
    private static Instant general(String text) {
        String iso = text.strip();
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00Z", "2024-05-01 12:00:00Z", "2024-05-01T12:00Z",
            "2024-05-01T12:00:00+00:00", "2024-05-01 12:05:00+00:00", "2024-05-01T12:00:00.5Z",
            "2024-05-01T12:00:00.123456789Z", "2024-05-01T12:00:00.120+00:00", "2024-02-29T23:59:59Z",
            "2000-02-29T00:00:00Z", "2009-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00Z"})
    void theCommonFormsAreReadAsTheGeneralPathReadsThem(String text) {
        assertThat(CandleText.utcDate(text)).isEqualTo(general(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01t12:00:00z", "2024-05-01T12:00:00-00:00", "2024-05-01T12:00:00+00:00:00",
            " 2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z\t", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+00"})
    void oddButValidFormsAreLeftToTheGeneralPath(String text) {
        assertThat(CandleText.utcDate(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:60Z", "2024-05-01T12:00:00+02:00",
            "2024-05-01T12:00:00", "2024-05-01T12:00:00.1234567890Z", "2024-5-01T12:00:00Z", "yesterday", "",
            "2024-05-01X12:00:00Z", "2024-05-01T12:00:0Z", "+2024-05-01T12:00:00Z", "2024-05-01T1a:00:00Z"})
    void anythingElseIsLeftToTheGeneralPathWhichNamesIt(String text) {
        assertThat(CandleText.utcDate(text)).isNull();
    }

    @Test
    void randomDatesOverTheAcceptedRangeAgreeWithTheGeneralPath() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 20_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1999, 1, 1).toEpochDay(),
                    LocalDate.of(2101, 1, 1).toEpochDay()));
            String text = String.format(Locale.ROOT, "%sT%02d:%02d:%02d%s%s", day, random.nextInt(24),
                    random.nextInt(60), random.nextInt(60),
                    random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
                    random.nextBoolean() ? "Z" : "+00:00");
            assertThat(CandleText.utcDate(text)).as(text).isEqualTo(general(text));
        }
    }

    @Test
    void decimalsAreRecognisedAsThePatternRecognisesThem() {
        List<String> cases = new ArrayList<>(List.of("1", "-1", "+1", "1.", ".5", "1.5", "1e5", "1E-5", "1.5e+10",
                "-.5e3", "", "-", "+", ".", "e5", "1e", "1e+", "1.5.5", "0x10", "1,5", " 1", "1 ", "NaN", "Infinity",
                "١", "1_000", "--1", "1e5e5", "64000.25"));
        SplittableRandom random = new SplittableRandom(15);
        String alphabet = "0123456789.+-eE x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(s.toString());
        }
        for (String c : cases) {
            assertThat(CandleText.isDecimal(c)).as("'%s'", c).isEqualTo(DECIMAL.matcher(c).matches());
        }
    }

    @Test
    void digitsAreOnlyAsciiDigits() {
        assertThat(CandleText.isDigits("1714565400000")).isTrue();
        assertThat(CandleText.isDigits("")).isFalse();
        assertThat(CandleText.isDigits("-1")).isFalse();
        assertThat(CandleText.isDigits("١٢")).isFalse();
    }

    @Test
    void theParserReadsEveryOddButValidDateFormAsBefore() {
        List<String> forms = List.of("2024-05-01t12:%02d:00z", "2024-05-01T12:%02d:00-00:00",
                "2024-05-01T12:%02d:00+00:00:00", " 2024-05-01T12:%02d:00Z ", "2024-05-01 12:%02d:00.000Z",
                "2024-05-01T12:%02dZ");
        StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
        List<Candle> candles = TestMarketData.candles(60);
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            String date = i < 12 ? String.format(Locale.ROOT, forms.get(i % forms.size()), i * 5) : c.date().toString();
            csv.append(date).append(',').append(c.open()).append(',').append(c.high()).append(',').append(c.low())
                    .append(',').append(c.close()).append(',').append(c.volume()).append('\n');
        }
        MarketData data = MarketDataParser.parseCsv(csv.toString(), "BTC/USDT", "5m");
        assertThat(data.candles()).isEqualTo(candles);
    }
}
