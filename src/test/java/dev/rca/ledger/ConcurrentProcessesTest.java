package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.RepeatRca;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real JVMs adding to one ledger at the same time never lose an item nor reuse an id. */
class ConcurrentProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void thirtyAdditionsFromTwoProcessesLeaveThirtyItemsWithUniqueIds() throws Exception {
        Path work = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("first").add("a", "a\n").create();
            repo.checkout();
        }
        assertEquals(0, Cli.run(work, "open", "RACE-1").exitCode());
        Path ledger = work.resolve("docs/postmortems/RACE-1.yaml");
        String handWritten = Files.readString(ledger).replace("rca: 1\n", "rca: 1\n# written by hand: keep me\n");
        Files.writeString(ledger, handWritten);

        Path go = tmp.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            processes.add(RepeatRca.start(work, go, 15, "symptom", name + " {i}"));
        }
        Files.writeString(go, "go");
        List<String> printed = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), err);
            printed.addAll(out.lines().toList());
        }

        assertEquals(30, printed.size(), printed.toString());
        assertEquals(30, new HashSet<>(printed).size(), printed.toString());
        Ledger read = new LedgerFile(ledger, new TicketId("RACE-1"), "RACE-1.yaml").read();
        assertEquals(30, read.symptoms().size());
        Set<String> ids = new HashSet<>();
        Set<String> texts = new HashSet<>();
        read.symptoms().forEach(s -> {
            ids.add(s.id());
            texts.add(s.text());
        });
        assertEquals(new HashSet<>(IntStream.rangeClosed(1, 30).mapToObj(i -> "S" + i).toList()), ids);
        assertEquals(new HashSet<>(printed), ids);
        for (int i = 1; i <= 15; i++) {
            assertTrue(texts.contains("alpha " + i) && texts.contains("beta " + i), texts.toString());
        }
        LedgerFileTest.assertLinesKeptInOrder(handWritten.replace("symptoms: []   ", "symptoms:      "),
            Files.readString(ledger));
        assertTrue(!Files.exists(LedgerLock.lockFileFor(ledger)));
    }
}
