package dev.rca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.postmortem.LintRule;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcaConfigTest {
    @TempDir
    Path tmp;

    @Test
    void absentFileGivesDefaults() {
        assertEquals(RcaConfig.defaults(), RcaConfig.load(tmp));
        assertEquals(Set.of(), RcaConfig.defaults().lint().disabled());
    }

    @Test
    void aHugeOrEndlessConfigurationIsRefusedInOneLineNeverReadWhole() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepo.init(repo).close();
        Files.writeString(repo.resolve("a.md"), "# X\n");
        Path config = repo.resolve(".rca.yaml");
        Files.writeString(config, "# padding\n".repeat(110_000));
        assertEquals(new CliResult(3, "", "rca: error: .rca.yaml is larger than the 1048576-byte limit"
            + " at " + config + "\n"), Cli.run(repo, "lint", "a.md"));

        Files.delete(config);
        Files.createSymbolicLink(config, Path.of("/dev/zero"));
        assertEquals(new CliResult(3, "", "rca: error: .rca.yaml is not a regular file (a symbolic link"
            + " to /dev/zero) at " + config + "\n"), Cli.run(repo, "lint", "a.md"));

        Files.delete(config);
        Files.createDirectory(config);
        assertEquals(new CliResult(3, "", "rca: error: .rca.yaml is not a regular file at " + config
            + "\n"), Cli.run(repo, "lint", "a.md"));
    }

    @Test
    void readsEveryKey() throws Exception {
        Files.writeString(tmp.resolve(".rca.yaml"), """
            # rca settings
            lint:
              disable: [hedging, unknown-sha]
              hedging_words: ["arguably"]
              blame_words:
                - sloppy
              coverage_words: [smoke-tested only]
              foreign_shas: [03979F73EF34, 1234567]
            logs:
              masks: ['req-[0-9a-f]{8}']
            """);
        RcaConfig config = RcaConfig.load(tmp);
        assertEquals(Set.of(LintRule.HEDGING, LintRule.UNKNOWN_SHA), config.lint().disabled());
        assertEquals(List.of("arguably"), config.lint().hedgingWords());
        assertEquals(List.of("sloppy"), config.lint().blameWords());
        assertEquals(List.of("smoke-tested only"), config.lint().coverageWords());
        assertEquals(List.of("03979f73ef34", "1234567"), config.lint().foreignShas());
        assertTrue(config.lint().isForeign("03979f73ef34aa") && config.lint().isForeign("03979f7"));
        assertFalse(config.lint().isForeign("03979f74"));
        assertEquals(List.of("req-[0-9a-f]{8}"), config.logs().masks());
        assertEquals("req-[0-9a-f]{8}", config.logs().maskPatterns().get(0).pattern());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void emptyFileAndEmptySectionsGiveDefaults() {
        assertEquals(RcaConfig.defaults(), RcaConfig.parse("", "x"));
        assertEquals(RcaConfig.defaults(), RcaConfig.parse("# nothing\n", "x"));
        assertEquals(RcaConfig.defaults(), RcaConfig.parse("lint:\nlogs:\n", "x"));
    }

    @Test
    void unknownKeysAreWarnedAboutAndIgnored() {
        RcaConfig config = RcaConfig.parse("lnt:\n  disable: [hedging]\nlint:\n  colour: true\n", "c.yaml");
        assertEquals(List.of(".rca.yaml:1:1: unknown key 'lnt' ignored",
            ".rca.yaml:4:3: unknown key 'lint.colour' ignored"),
            config.warnings());
        assertEquals(Set.of(), config.lint().disabled());
    }

    @Test
    void errorsNameTheirPosition() {
        assertError("lint:\n  disable: [hedging, nonsense]\n",
            "rca: error: .rca.yaml: lint.disable: unknown rule 'nonsense' at c.yaml:2:22");
        assertError("lint:\n  disable: hedging\n",
            "rca: error: .rca.yaml: lint.disable must be a list, not 'hedging' at c.yaml:2:12");
        assertError("lint:\n  foreign_shas: [abc]\n",
            "rca: error: .rca.yaml: lint.foreign_shas: 'abc' is not a SHA of 7 to 64 hex digits at c.yaml:2:18");
        assertError("lint: [a]\n", "rca: error: .rca.yaml: lint must be a mapping of keys to values, not a list"
            + " at c.yaml:1:7");
        assertError("lint:\n  hedging_words: [{a: b}]\n",
            "rca: error: .rca.yaml: lint.hedging_words: entries must be strings, not a mapping at c.yaml:2:19");
        assertError("logs:\n  masks: ['req-[0-9']\n", "rca: error: .rca.yaml: logs.masks: bad regular expression"
            + " 'req-[0-9': Unclosed character class at c.yaml:2:11");
        assertError("lint:\n  disable: [hedging\n", "rca: error: .rca.yaml is not valid YAML: expected ',' or ']',"
            + " but got <stream end> at c.yaml:3:1");
        assertError("lint: {}\nlint: {}\n", "rca: error: .rca.yaml: duplicate key 'lint' in the top level at c.yaml:2:1");
    }

    private static void assertError(String yaml, String rendered) {
        RcaException e = assertThrows(RcaException.class, () -> RcaConfig.parse(yaml, "c.yaml"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals(rendered, e.render().lines().findFirst().orElseThrow());
    }
}
