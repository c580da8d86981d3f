package dev.rca.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmUpRepositoryTest {
    private static Properties plan(String fixes, String goodCommits) {
        Properties p = new Properties();
        p.setProperty("fixes", fixes);
        p.setProperty("hotFile", "src/a.c");
        p.setProperty("hotDir", "src");
        p.setProperty("renamed", "src/b.c");
        p.setProperty("author", "Dev1 Person1");
        p.setProperty("good", "1111111111111111111111111111111111111111");
        p.setProperty("goodCommits", goodCommits);
        return p;
    }

    @Test
    void aPlanReadsItsListsWithoutEmptyItems() {
        WarmUpRepository.Plan plan = WarmUpRepository.readPlan(plan("aaa,bbb", "ccc"));
        assertEquals(List.of("aaa", "bbb"), plan.fixes());
        assertEquals(Set.of("ccc"), plan.goodCommits());
    }

    @Test
    void aPlanWithAnEmptyListIsIncomplete() {
        // "".split(",") is one empty item: the plan took it for a fix and passed its own check
        assertThrows(IllegalArgumentException.class, () -> WarmUpRepository.readPlan(plan("", "ccc")));
        assertThrows(IllegalArgumentException.class, () -> WarmUpRepository.readPlan(plan("aaa", "")));
    }
}
