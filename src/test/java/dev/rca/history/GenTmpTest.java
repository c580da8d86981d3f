package dev.rca.history;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class GenTmpTest {
    @Test
    @EnabledIfSystemProperty(named = "gen.dir", matches = ".+")
    void gen() {
        HistoryRepoGenerator.generate(Path.of(System.getProperty("gen.dir")), Long.getLong("gen.seed", 11), 320);
    }
}
