package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.RcaException;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.HoldLock;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:40:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static final String HAND_WRITTEN = """
        # PAY-142 — written by hand during the incident call.
        rca: 1
        ticket: PAY-142
        title: Checkout hangs after cache refactor   # keep it short
        kind: bug
        owner: Payments team
        status: open                   # open | root-caused | fixed | validated | published

        # What we saw, in the order we saw it.
        symptoms:
          - {id: S1, kind: test, text: "CheckoutIT times out after 30 s", source: "CI run 4411", at: "2026-11-20T09:12:00Z"}
          # S2 came from the on-call dashboard
          - id: S2
            text: p99 latency ☕ 🚀 up 4x   # emoji on purpose
            at: 2026-11-20T09:20:00Z

        repro:
          command: "mvn -q -Dtest=CheckoutIT test"
          rate: "20/20"                # "deterministic" or failing/total runs

        hypotheses:
          - id: H1
            text: Lock ordering between CartCache.evict and OrderLock
            likelihood: 0.4
            status: open
            explains: [S1]   # only the test
          # H2 is Maria's idea
          - id: H2
            text: |
              The evict path re-enters
              the loader.
            likelihood: 0.3
        notes_from_call: |
          Keep this: an unknown field a newer rca might own.
        experiments: []   # none yet
        evidence:
        root_cause:
          text:   # fill in once known
        # trailing comment at the end
        """;

    private LedgerFile ledgerWith(String text) throws Exception {
        Path file = dir.resolve("PAY-142.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new LedgerFile(file, new TicketId("PAY-142"), "docs/postmortems/PAY-142.yaml");
    }

    @Test
    void editsKeepEveryHandWrittenLineInOrder() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN);
        String s3 = file.update(edit -> edit.addItem(ItemKind.SYMPTOM, ordered("text", "on", "kind", "log")));
        String h3 = file.update(edit -> edit.addItem(ItemKind.HYPOTHESIS,
            ordered("text", "GC pause: 1.10 s", "likelihood", 0.2, "explains", List.of("S1", "S3"))));
        String x1 = file.update(edit -> edit.addItem(ItemKind.EXPERIMENT,
            ordered("tests", "H1", "action", "thread dump during the hang", "result", "no OrderLock holder")));
        file.update(edit -> {
            edit.setItemField("H1", "status", "rejected");
            edit.setItemField("H1", "because", "thread dump shows no thread holding OrderLock");
            edit.set(List.of("root_cause", "text"), "CartCache.evict() releases the lock early");
            edit.set(List.of("status"), "root-caused");
            edit.set(List.of("bisect"), ordered("good", List.of("a".repeat(40)), "bad", "b".repeat(40)));
            return null;
        });
        String e1 = Ledgers.recordQuery(file, "rca log --grep=cache", List.of("c".repeat(40)), CLOCK).id();
        assertEquals(List.of("S3", "H3", "X1", "E1"), List.of(s3, h3, x1, e1));

        String after = file.readText();
        assertLinesKeptInOrder(HAND_WRITTEN.replace("status: open                   #",
            "status: root-caused            #").replace("    status: open\n", "    status: rejected\n")
            .replace("experiments: []   # none yet", "experiments:      # none yet").replace("  text:   # fill in once known",
            "  text: CartCache.evict() releases the lock early # fill in once known"), after);
        Ledger ledger = file.read();
        assertEquals(LedgerStatus.ROOT_CAUSED, ledger.status());
        assertEquals(HypothesisStatus.REJECTED, ledger.hypothesis("H1").orElseThrow().status());
        assertEquals("on", ledger.symptoms().get(2).text());
        assertEquals("GC pause: 1.10 s", ledger.hypothesis("H3").orElseThrow().text());
        assertEquals(List.of("S1", "S3"), ledger.hypothesis("H3").orElseThrow().explains());
        assertEquals("The evict path re-enters\nthe loader.\n", ledger.hypothesis("H2").orElseThrow().text());
        assertEquals(Map.of("notes_from_call", "Keep this: an unknown field a newer rca might own.\n"), ledger.extra());
        assertEquals(List.of("c".repeat(40)), ledger.evidence().get(0).commits());
        assertEquals("b".repeat(40), ledger.bisect().bad());
        assertTrue(after.contains("""
                  - id: S3
                    text: "on"
                    kind: log
                """), after);
        assertTrue(after.contains("""
            experiments:      # none yet
              - id: X1
                tests: H1
            """), after);
        assertTrue(after.endsWith("# trailing comment at the end\n"), after);
    }

    @Test
    void crlfLedgersStayCrlf() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN.replace("\n", "\r\n"));
        file.update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x")));
        String after = file.readText();
        assertEquals(-1, after.replace("\r\n", "").indexOf('\n'), after);
        assertLinesKeptInOrder(HAND_WRITTEN, after.replace("\r\n", "\n"));
    }

    @Test
    void templateRoundTripsThroughEveryKindOfEdit() throws Exception {
        Path file = dir.resolve("docs/postmortems/T-1.yaml");
        LedgerFile ledger = new LedgerFile(file, new TicketId("T-1"), "T-1.yaml");
        String template = LedgerTemplate.render(new TicketId("T-1"), "yes", LedgerKind.INCIDENT, null);
        ledger.create(template);
        assertEquals(template, Files.readString(file));
        ledger.update(edit -> {
            edit.addItem(ItemKind.SYMPTOM, Map.of("text", "boom"));
            edit.addItem(ItemKind.SYMPTOM, Map.of("text", "bang"));
            edit.append(List.of("timeline"), ordered("at", "2026-11-20T09:00:00Z", "event", "deploy"));
            edit.set(List.of("repro", "command"), "make test");
            edit.set(List.of("repro", "rate"), "3/4");
            edit.append(List.of("fix", "commits"), "d".repeat(40));
            edit.append(List.of("validation", "checks"), ordered("what", "it passes", "evidence", "20/20"));
            edit.set(List.of("action_items"), "none");
            return null;
        });
        Ledger read = ledger.read();
        assertEquals("yes", read.title());
        assertEquals(LedgerKind.INCIDENT, read.kind());
        assertEquals(2, read.symptoms().size());
        assertEquals(new Repro("make test", "3/4"), read.repro());
        assertEquals(List.of("d".repeat(40)), read.fix().commits());
        assertEquals(1, read.validation().checks().size());
        assertTrue(read.noActionItems());
        assertEquals(template.replace("symptoms: []   ", "symptoms:      ")
            .replace("S<n>", "S<n>")
            .replace("--at=…\n", "--at=…\n  - id: S1\n    text: boom\n  - id: S2\n    text: bang\n")
            .replace("timeline: []   ", "timeline:      ")
            .replace("source: \"…\"}\n", "source: \"…\"}\n  - at: \"2026-11-20T09:00:00Z\"\n    event: deploy\n")
            .replace("  command:          ", "  command: make test")
            .replace("  rate:      ", "  rate: 3/4  ")
            .replace("commits: []", "commits: [" + "d".repeat(40) + "]")
            .replace("  checks: []   ", "  checks:      ")
            .replace("<sha>\"}\n", "<sha>\"}\n    - what: it passes\n      evidence: 20/20\n")
            .replace("action_items: []  ", "action_items: none"), ledger.readText());
        assertThrows(RcaException.class, () -> ledger.create(template));
    }

    @Test
    void aFailingEditWritesNothing() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN);
        RcaException e = assertThrows(RcaException.class, () -> file.update(edit -> {
            edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x"));
            throw RcaException.badInput("changed my mind");
        }));
        assertEquals("changed my mind", e.getMessage());
        assertEquals(HAND_WRITTEN, file.readText());
        assertTrue(!Files.exists(LedgerLock.lockFileFor(file.path())));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    /** A lock another process holds is waited for, then reported with its holder; nothing is written. */
    @Test
    void aHeldLockIsReportedNotBroken() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN);
        Path lock = LedgerLock.lockFileFor(file.path());
        Process other = HoldLock.start(lock, null);
        System.setProperty("rca.lockTimeoutMillis", "50");
        try {
            RcaException e = assertThrows(RcaException.class,
                () -> file.update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x"))));
            assertEquals("rca: error: docs/postmortems/PAY-142.yaml is locked by process " + other.pid() + " on "
                + java.net.InetAddress.getLocalHost().getHostName() + " (since " + field(lock, "since") + "); rca waited 50 ms"
                + " for it" + System.lineSeparator()
                + "hint: another rca command is writing it; rerun when that one ends (RCA_LOCK_TIMEOUT=<seconds> waits"
                + " longer)", e.render());
            assertTrue(Files.exists(lock));
        } finally {
            System.clearProperty("rca.lockTimeoutMillis");
            other.destroyForcibly().waitFor();
        }
        assertEquals(HAND_WRITTEN, file.readText());
    }

    /**
     * A write that must not be lost to a timeout (a bisection's verdict, while postmortem --commit runs a slow hook)
     * waits past RCA_LOCK_TIMEOUT, saying whom it waits for, and is written once the holder lets go (reviewer-106: a
     * bisect-helper run dropped its test's verdict after 10 s).
     */
    @Test
    void aPatientWriteWaitsPastTheTimeoutAndIsWritten() throws Exception {
        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch said = new java.util.concurrent.CountDownLatch(1);
        LedgerFile file = ledgerWith(HAND_WRITTEN).withNotes(note -> {
            notes.add(note);
            said.countDown();
        });
        Path lock = LedgerLock.lockFileFor(file.path());
        Process other = HoldLock.start(lock, "rca postmortem --commit");
        System.setProperty("rca.lockTimeoutMillis", "50");
        try {
            java.util.concurrent.CompletableFuture<Object> write = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> file.waitingForTheLock().update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x"))));
            // an impatient write gives up after 50 ms; this one is still waiting when it says so, after a second
            while (!said.await(10, java.util.concurrent.TimeUnit.MILLISECONDS) && !write.isDone()) {
                Thread.onSpinWait();
            }
            assertFalse(write.isDone(), "still waiting: " + write);
            assertTrue(notes.get(0).startsWith("waiting for docs/postmortems/PAY-142.yaml, held by process "
                + other.pid()), notes.toString());
            other.destroyForcibly().waitFor();
            write.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(file.readText().contains("text: x"), file.readText());
        } finally {
            System.clearProperty("rca.lockTimeoutMillis");
            other.destroyForcibly().waitFor();
        }
    }

    /**
     * A wait for another thread's lock (the daemon serves commands on threads of one JVM) says once, after a second,
     * whom it waits for, naming this process as another process's lock would name that one; then the edit goes on.
     */
    @Test
    void aWaitSaysWhomItWaitsFor() throws Exception {
        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch said = new java.util.concurrent.CountDownLatch(1);
        LedgerFile file = ledgerWith(HAND_WRITTEN).withNotes(note -> {
            notes.add(note);
            said.countDown();
        });
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> added;
            try (LedgerLock held = LedgerLock.acquire(file.path(), "PAY-142.yaml", note -> { })) {
                added = writer.submit(() -> file.update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x"))));
                assertTrue(said.await(120, java.util.concurrent.TimeUnit.SECONDS), "a note while waiting");
                assertEquals(HAND_WRITTEN, file.readText());
                assertEquals(List.of("waiting for docs/postmortems/PAY-142.yaml, held by process "
                    + ProcessHandle.current().pid() + " on " + java.net.InetAddress.getLocalHost().getHostName()
                    + " (since " + field(LedgerLock.lockFileFor(file.path()), "since") + ")"), notes);
            }
            assertEquals("S3", added.get(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, notes.size(), notes.toString());
        } finally {
            writer.shutdownNow();
        }
    }

    private static String field(Path lockFile, String name) throws Exception {
        return Files.readString(lockFile).lines().filter(l -> l.startsWith(name + " "))
            .map(l -> l.substring(name.length() + 1)).findFirst().orElseThrow();
    }

    @Test
    void apiForBisectVerifyAndPostmortem() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN);
        String good = "a".repeat(40);
        String bad = "b".repeat(40);
        file.update(edit -> {
            edit.set(List.of("bisect"), new BisectRecord(List.of(good), bad, List.of("src/"), List.of(), null,
                Map.of()).toYaml());
            return null;
        });
        file.update(edit -> {
            edit.append(List.of("bisect", "steps"), new BisectStep("c".repeat(40), "bad", 3, null, null).toYaml());
            edit.append(List.of("bisect", "steps"), new BisectStep("d".repeat(40), "good", 1, "run", "2026-11-20T10:00:00Z").toYaml());
            edit.set(List.of("bisect", "first_bad"), "c".repeat(40));
            edit.set(List.of("validation", "verify"),
                new VerifyRecord("mvn test", "e".repeat(40), "f".repeat(40), 5, 600L, 5, 0, 0, 5, 0, 0, true, "2026-11-20T11:00:00Z").toYaml());
            edit.setStatus(LedgerStatus.PUBLISHED);
            return null;
        });
        Ledger ledger = file.read();
        assertEquals(new BisectRecord(List.of(good), bad, List.of("src/"), List.of(
            new BisectStep("c".repeat(40), "bad", 3, null, null), new BisectStep("d".repeat(40), "good", 1, "run", "2026-11-20T10:00:00Z")),
            "c".repeat(40), Map.of()), ledger.bisect());
        assertEquals(new VerifyRecord("mvn test", "e".repeat(40), "f".repeat(40), 5, 600L, 5, 0, 0, 5, 0, 0, true, "2026-11-20T11:00:00Z"),
            ledger.validation().verify());
        assertEquals(LedgerStatus.PUBLISHED, ledger.status());
        List<InputCheck> inputs = PostmortemInputs.assess(ledger, new CommitLookup() {
            @Override
            public java.util.Optional<CommitInfo> find(String revision) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean isAncestor(String ancestor, String descendant) {
                return false;
            }
        });
        assertEquals(List.of(InputCheck.present("repro"), InputCheck.missing("root cause", "root_cause.text is empty"),
            InputCheck.missing("fix", "fix.commits is empty"), InputCheck.present("validation")), inputs);
        assertEquals("root cause (root_cause.text is empty); fix (fix.commits is empty)",
            PostmortemInputs.describeMissing(inputs));
        assertLinesKeptInOrder(HAND_WRITTEN.replace("status: open      ", "status: published "), file.readText());
        List<String> many = java.util.stream.IntStream.range(0, 600).mapToObj(i -> String.format("%040x", i)).toList();
        assertEquals("E1", Ledgers.recordQuery(file, "rca log", many, CLOCK).id());
        Evidence query = file.read().evidence().get(0);
        assertEquals(many.subList(0, 500), query.commits());
        assertTrue(file.readText().contains("    total_commits: 600\n"));
        assertEquals(600, query.commitCount(), "the timeline's count");
        assertEquals("rca log '--grep=cache|evict' -n 5 -- 'src/my file.c'",
            Ledgers.commandLine("rca", "log", "--grep=cache|evict", "-n", "5", "--", "src/my file.c"));
    }

    /**
     * A lock file left behind (by a process killed, or by an rca from before 2026-12-06) that names a live process, on
     * this host or another, does not block: only the system's lock, which ended with its process, does (until
     * 2026-12-06 one naming a process gone was reported with a hint to delete it, and one naming a live process
     * waited for, then reported).
     */
    @Test
    void aLockFileLeftBehindDoesNotBlock() throws Exception {
        LedgerFile file = ledgerWith(HAND_WRITTEN);
        Path lock = LedgerLock.lockFileFor(file.path());
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        for (String host : List.of(java.net.InetAddress.getLocalHost().getHostName(), "elsewhere")) {
            Files.writeString(lock, "pid " + alive + "\nhost " + host + "\nsince 2026-11-20T09:00:00Z\ntoken t\n");
            System.setProperty("rca.lockTimeoutMillis", "50");
            try {
                file.update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "after " + host)));
            } finally {
                System.clearProperty("rca.lockTimeoutMillis");
            }
            assertTrue(file.readText().contains("after " + host));
            assertTrue(!Files.exists(lock));
        }
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** Every line of {@code original} appears in {@code edited}, in the same order. */
    static void assertLinesKeptInOrder(String original, String edited) {
        List<String> lines = edited.lines().toList();
        int at = 0;
        for (String line : original.lines().toList()) {
            while (at < lines.size() && !lines.get(at).equals(line)) {
                at++;
            }
            assertTrue(at < lines.size(), "line lost or moved: [" + line + "] in:\n" + edited);
            at++;
        }
    }

    @Test
    void somethingElseWhereTheLedgerOrItsDirectoryShouldBeIsNamedForWhatItIs() throws Exception {
        Path repo = dir.resolve("repo");
        TestRepo.init(repo).close();
        Files.createDirectories(repo.resolve("docs/postmortems/DIR.yaml"));
        String directory = "rca: error: docs/postmortems/DIR.yaml is a directory, not a ledger\n"
            + "hint: move it out of the way, then rerun\n";
        assertEquals(new CliResult(3, "", directory), Cli.run(repo, "status", "-t", "DIR"));
        assertEquals(new CliResult(3, "", directory), Cli.run(repo, "open", "DIR"));

        Path other = dir.resolve("other");
        TestRepo.init(other).close();
        Files.createDirectories(other.resolve("docs"));
        Files.writeString(other.resolve("docs/postmortems"), "");
        assertEquals(new CliResult(3, "", "rca: error: cannot create docs/postmortems: docs/postmortems"
            + " is a file, not a directory\n"), Cli.run(other, "open", "X"));
    }
}
