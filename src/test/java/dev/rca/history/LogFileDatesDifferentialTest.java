package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --since}/{@code --until} with timestamps copied from log files, against {@code git log} on commits a second
 * before, at and after the instants they name: git reads them to the second, the fraction dropped, as it reads the
 * ISO 8601 form of the same instant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFileDatesDifferentialTest {
    @TempDir
    static Path tmp;

    private Path dir;

    @BeforeAll
    void history() {
        dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir).tick(1)) {
            int n = 0;
            for (String instant : List.of("2024-03-10T06:29:59Z", "2024-03-10T11:59:59Z")) {
                repo.clock(Instant.parse(instant).getEpochSecond() - 1);
                for (int i = 0; i < 3; i++) {
                    n++;
                    repo.commit("c" + n + "\n").add("f", n + "\n").create();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10/Mar/2024:12:00:00 +0000|2024-03-10 12:00:00 +0000",
        "[10/Mar/2024:12:00:00 +0000]|2024-03-10 12:00:00 +0000",
        "10/Mar/2024:12:00:00 +0530|2024-03-10 12:00:00 +0530",
        "10/Mar/2024:11:59:59|2024-03-10 11:59:59",
        "2024-03-10 12:00:00,123|2024-03-10 12:00:00",
        "2024-03-10 12:00:00,999 +0530|2024-03-10 12:00:00 +0530",
        "2024-03-10 11:59:59,5|2024-03-10 11:59:59",
        "2024-03-10T12:00:00,123Z|2024-03-10 12:00:00 +0000",
        "2024-03-10 12:00:00.123|2024-03-10 12:00:00",
        "2024-03-10 06:30:00.999999 +0000|2024-03-10 06:30:00 +0000"})
    void logFileTimestampsSelectWhatGitSelects(String date, String iso) {
        for (String option : List.of("--since=", "--until=")) {
            List<String> git = LogAgainstGit.assertSame(dir, List.of(option + date));
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", option + iso), git, "git reads " + date);
        }
    }
}
