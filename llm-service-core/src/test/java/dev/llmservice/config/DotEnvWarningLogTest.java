package dev.llmservice.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server re-reads {@code .env} at every re-initialisation: each warning reaches the log once, not every time. */
class DotEnvWarningLogTest {

    private static final Path FILE = Path.of("/srv/app/.env");

    private final List<String> logged = new ArrayList<>();
    private final DotEnvWarningLog log = new DotEnvWarningLog(logged::add);

    private static DotEnvWarning at(int line, String problem) {
        return DotEnvWarning.atLine(FILE, line, problem);
    }

    @Test
    void theSameWarningsReadAgainAreLoggedOnce() {
        List<DotEnvWarning> warnings = List.of(at(3, "not UTF-8"), at(7, "A is set again"));

        log.report(warnings);
        log.report(warnings);
        log.report(warnings);

        assertThat(logged).containsExactly("/srv/app/.env:3: not UTF-8", "/srv/app/.env:7: A is set again");
    }

    @Test
    void aNewProblemAfterAnEditIsLoggedAndOneThatComesBackIsLoggedAgain() {
        log.report(List.of(at(3, "not UTF-8")));
        log.report(List.of(at(3, "not UTF-8"), at(9, "no '='")));
        log.report(List.of());
        log.report(List.of(at(3, "not UTF-8")));

        assertThat(logged).containsExactly("/srv/app/.env:3: not UTF-8", "/srv/app/.env:9: no '='",
                "/srv/app/.env:3: not UTF-8");
    }
}
