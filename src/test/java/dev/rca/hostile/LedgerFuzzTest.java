package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mangled ledgers fed to every command that writes a ledger, in-process: 1,000 ledgers (seeded) damaged every
 * way {@link LedgerMangler} knows, each given to every ledger-writing command. For every run: exit 0, 1 or 3,
 * never 2 or 4; no stack trace; when the command fails, {@code docs/postmortems/} is byte-for-byte as it was;
 * when it succeeds, every line a person wrote is still there, in order, and no lock or temporary file is left.
 *
 * <p>No timing is asserted. A run that hangs is stopped by a generous per-run guard (60 s), so a hang fails the
 * test instead of the build; the slowest run is printed for whoever wants to look.
 */
class LedgerFuzzTest {
    /** 1,000 unless {@code -Drca.fuzz.ledgers=<n>} asks for more (or fewer, while developing). */
    private static final int LEDGERS = Integer.getInteger("rca.fuzz.ledgers", 1_000);
    private static final long SEED = 20261121L;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    static final String TICKET = "FUZZ-1";

    @TempDir
    static Path tmp;

    static FuzzRepo repo;

    @BeforeAll
    static void createRepository() throws IOException {
        repo = FuzzRepo.create(tmp.resolve("repo"), tmp.resolve("logs"));
    }

    /** A ledger-writing command, and which lines of a ledger it may rewrite when it succeeds. */
    record Writer(String name, List<String> args, List<String> rewrites, List<Integer> writesOn) {
        Writer(String name, List<String> args, List<String> rewrites) {
            this(name, args, rewrites, List.of(0));
        }

        boolean mayRewrite(String line) {
            return rewrites.stream().anyMatch(line::contains);
        }
    }

    static List<Writer> writers() {
        List<String> items = List.of("[]", "{}", "[ ]");
        return List.of(
            new Writer("symptom", List.of("symptom", "-t", TICKET, "fuzz symptom", "--kind=log"), items),
            new Writer("hypothesis", List.of("hypothesis", "-t", TICKET, "fuzz hypothesis", "--likelihood=0.2",
                "--explains=S1"), items),
            new Writer("reject", List.of("reject", "-t", TICKET, "H1", "--because=fuzz"),
                List.of("status:", "because:", "[]", "{}")),
            new Writer("confirm", List.of("confirm", "-t", TICKET, "H2", "--evidence=X2"),
                List.of("status:", "evidence:", "[]", "{}")),
            new Writer("experiment", List.of("experiment", "-t", TICKET, "fuzz", "--tests=H1", "--result=fuzz"), items),
            new Writer("evidence", List.of("evidence", "-t", TICKET, "HEAD", "--note=fuzz"), items),
            new Writer("postmortem", List.of("postmortem", "-t", TICKET), List.of("status:")),
            new Writer("verify", List.of("verify", "-t", TICKET, "--runs=1", "--timeout=30"),
                List.of("verify", "validation", "[]", "{}"), List.of(0, 1)),
            new Writer("logs diff -t", List.of("logs", "diff", "-t", TICKET, repo.goodLog().toString(),
                repo.badLog().toString()), items, List.of(0, 1)),
            new Writer("log -t", List.of("log", "-n", "2", "--grep=cache", "-t", TICKET), items),
            new Writer("history -t", List.of("history", "src/CartCache.java", "-t", TICKET), items),
            new Writer("suspects -t", List.of("suspects", "HEAD", "-t", TICKET), items),
            new Writer("bisect-helper start -t", List.of("bisect-helper", "start", "-t", TICKET, "--bad=HEAD~1",
                "--good=HEAD~2"), List.of("bisect", "[]", "{}")));
    }

    @Test
    void everyMangledLedgerIsHandledCleanlyByEveryWriter() throws Exception {
        LedgerMangler mangler = new LedgerMangler(SEED, repo.ledgerText(), 4);
        List<Writer> writers = writers();
        Map<String, int[]> outcomes = new TreeMap<>();
        Map<String, Long> millis = new TreeMap<>();
        long slowest = 0;
        String slowestCase = "";
        for (int n = 0; n < LEDGERS; n++) {
            LedgerMangler.Mangled mangled = mangler.next();
            for (Writer writer : writers) {
                repo.resetLedger(mangled.bytes());
                Map<String, byte[]> before = repo.snapshot();
                String label = "ledger #" + n + " (" + mangled.description() + "), rca " + String.join(" ", writer.args());
                long start = System.nanoTime();
                CliResult result = assertTimeoutPreemptively(HANG_GUARD,
                    () -> Cli.run(repo.dir(), writer.args().toArray(String[]::new)), () -> "hung: " + label);
                long elapsed = System.nanoTime() - start;
                if (elapsed > slowest) {
                    slowest = elapsed;
                    slowestCase = label;
                }
                check(label, writer, mangled.bytes(), before, result);
                outcomes.computeIfAbsent(writer.name(), k -> new int[5])[result.exitCode()]++;
                millis.merge(writer.name(), elapsed / 1_000_000, Long::sum);
            }
        }
        System.out.printf("LedgerFuzzTest: %d ledgers x %d writers; slowest run %d ms: %s%n", LEDGERS, writers.size(),
            slowest / 1_000_000, slowestCase);
        outcomes.forEach((name, codes) -> System.out.printf("  %-12s exit 0: %d, 1: %d, 3: %d (%d ms in all)%n", name,
            codes[0], codes[1], codes[3], millis.get(name)));
        for (Writer writer : writers) {
            int[] codes = outcomes.get(writer.name());
            int accepted = writer.writesOn().stream().mapToInt(code -> codes[code]).sum();
            assertTrue(accepted > 0 && codes[3] > LEDGERS / 4, writer.name() + ": the fuzzing reached too little: "
                + accepted + " accepted, " + codes[3] + " refused");
        }
    }

    private void check(String label, Writer writer, byte[] ledger, Map<String, byte[]> before, CliResult result)
        throws IOException {
        int code = result.exitCode();
        assertTrue(code == 0 || code == 1 || code == 3, () -> "exit " + code + " on " + label + "\n" + result.err());
        assertFalse(result.err().contains("\tat ") || result.out().contains("\tat "),
            () -> "stack trace on " + label + "\n" + result.err());
        assertFalse(result.err().contains("internal error"), () -> label + "\n" + result.err());
        Map<String, byte[]> after = repo.snapshot();
        List<String> leftovers = after.keySet().stream().filter(f -> f.endsWith(".lock") || f.endsWith(".tmp")).toList();
        assertEquals(List.of(), leftovers, label);
        if (!writer.writesOn().contains(code)) {
            assertEquals(before.keySet(), after.keySet(), () -> "files changed on refusal: " + label);
            for (Map.Entry<String, byte[]> e : before.entrySet()) {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), () -> e.getKey() + " changed on refusal: " + label);
            }
            return;
        }
        byte[] now = after.get(TICKET + ".yaml");
        if (java.util.Arrays.equals(now, ledger)) {
            return;
        }
        String original = new String(ledger, StandardCharsets.UTF_8);
        String edited = new String(now, StandardCharsets.UTF_8);
        List<String> lines = edited.lines().toList();
        int at = 0;
        for (String line : original.lines().toList()) {
            // every write may move the top-level status up to what the ledger establishes (EstablishedStatus)
            if (writer.mayRewrite(line) || line.startsWith("status:")) {
                continue;
            }
            while (at < lines.size() && !lines.get(at).equals(line)) {
                at++;
            }
            if (at >= lines.size()) {
                fail("line lost or moved: [" + line + "] on " + label + "\n--- before:\n" + original + "\n--- after:\n"
                    + edited);
            }
            at++;
        }
    }

    /** The repository the fuzz runs in: a bug, its fix, a repro that fails before the fix, and two logs. */
    record FuzzRepo(Path dir, Path goodLog, Path badLog, String ledgerText) {
        static FuzzRepo create(Path dir, Path logs) throws IOException {
            String base;
            String offending;
            String fix;
            // The refactoring moves unlinkEntry and changes its call, so that `rca suspects` can name it: a pure swap
            // of two lines is blamed on whoever wrote the line the fix's diff happens to move back.
            try (dev.rca.testing.TestRepo repo = dev.rca.testing.TestRepo.init(dir)) {
                String good = "class CartCache {\n  void evict() {\n    lock();\n    unlinkEntry();\n    unlock();\n  }\n}\n";
                base = repo.commit("Add cart cache").add("src/CartCache.java", good)
                    .add("test.sh", "test -f src/Fixed.java\n").create().name();
                offending = repo.commit("Refactor cart cache eviction").add("src/CartCache.java",
                    good.replace("unlinkEntry();\n    unlock();", "unlock();\n    unlinkEntry(cart);")).create().name();
                fix = repo.commit("Hold cart_lock in CartCache.evict until unlinkEntry returns")
                    .add("src/CartCache.java", good).add("src/Fixed.java", "class Fixed {}\n").create().name();
                repo.checkout();
            }
            Files.createDirectories(logs);
            Path good = logs.resolve("good.log");
            Path bad = logs.resolve("bad.log");
            Files.writeString(good, "2026-11-20 09:00:00,001 [main] INFO  app.Cart - started\n"
                + "2026-11-20 09:00:01,002 [main] INFO  app.Cart - checkout 42 done in 12 ms\n");
            Files.writeString(bad, "2026-11-20 10:00:00,001 [main] INFO  app.Cart - started\n"
                + "2026-11-20 10:00:01,002 [main] ERROR app.Cart - checkout 42 timed out\n");
            String ledger = """
                # FUZZ-1: written by hand during the incident call
                rca: 1
                ticket: FUZZ-1
                title: Checkout hangs after cache refactor   # keep it short
                kind: bug
                owner: Payments team
                status: fixed
                summary: CartCache.evict() released cart_lock early; checkout hung.
                symptoms:
                  - {id: S1, kind: test, text: "CheckoutIT times out after 30 s", source: "CI run 4411", at: "2026-11-20T09:12:00Z"}
                  # S2 came from the on-call dashboard
                  - id: S2
                    text: p99 latency ☕ up 4x
                    at: 2026-11-20T09:20:00Z
                timeline:
                  - {at: "2026-11-20T09:00:00Z", event: "build 1.42 deployed", source: "deploy log"}
                repro:
                  command: "sh test.sh"
                  rate: "deterministic"
                hypotheses:
                  - id: H1
                    text: Lock ordering between CartCache.evict() and OrderLock
                    likelihood: 0.4
                    status: open
                    explains: [S1]   # only the test
                  - id: H2
                    text: |
                      evict() releases cart_lock before
                      the entry is unlinked.
                    likelihood: 0.6
                    explains: [S1, S2]
                experiments:
                  - {id: X1, tests: H1, action: "thread dump during the hang", result: "no OrderLock holder"}
                  - id: X2
                    tests: H2
                    action: hold cart_lock across unlinkEntry()
                    result: the hang is gone in 20/20 runs
                evidence:
                  - {id: E1, kind: commit, commit: "%OFFENDING%", subject: "Refactor cart cache eviction", author: "Alice Author <alice@example.com>", date: "2026-01-01T00:02:00Z"}
                root_cause:
                  text: |
                    CartCache.evict() releases cart_lock before unlinkEntry() removes the entry.
                  offending: ["%OFFENDING%"]
                why_symptom: CheckoutIT blocks in awaitEntry() for its whole 30 s timeout.
                fix:
                  commits: ["%FIX%"]
                  review: "PR #512"
                  text: Hold cart_lock in CartCache.evict() until unlinkEntry() returns.
                slipped: {category: latent-code, text: "No test runs two checkouts at once."}
                validation:
                  checks:
                    - {what: "CheckoutIT passes", evidence: "20/20 runs at the fix"}
                  not_covered: "not retested on the EU cluster"
                action_items:
                  - {what: "Add a concurrent checkout test", owner: "Payments team", tracking: "PAY-143"}
                notes_from_call: |
                  Keep this: an unknown field a newer rca might own.
                # trailing comment
                """.replace("%OFFENDING%", offending).replace("%FIX%", fix).replace("%BASE%", base);
            FuzzRepo repo = new FuzzRepo(dir, good, bad, ledger);
            repo.resetLedger(ledger.getBytes(StandardCharsets.UTF_8));
            CliResult check = Cli.run(dir, "check", "-t", TICKET);
            assertEquals(0, check.exitCode(), check.err() + check.out());
            return repo;
        }

        Path ledgerDir() {
            return dir.resolve("docs/postmortems");
        }

        /** Empties {@code docs/postmortems/} and writes {@code bytes} as the only ledger. */
        void resetLedger(byte[] bytes) throws IOException {
            Files.createDirectories(ledgerDir());
            try (Stream<Path> files = Files.list(ledgerDir())) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.write(ledgerDir().resolve(TICKET + ".yaml"), bytes);
        }

        /** Every file in {@code docs/postmortems/} by name. */
        Map<String, byte[]> snapshot() throws IOException {
            Map<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(ledgerDir())) {
                for (Path f : list.toList()) {
                    files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
            return files;
        }
    }

    /** Smoke check of the fixture: the clean ledger goes through every writer with exit 0 or 1. */
    @Test
    void cleanLedgerIsAcceptedByEveryWriter() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Writer writer : writers()) {
            repo.resetLedger(repo.ledgerText().getBytes(StandardCharsets.UTF_8));
            CliResult result = Cli.run(repo.dir(), writer.args().toArray(String[]::new));
            if (result.exitCode() > 1) {
                failures.add(writer.name() + ": " + result.err());
            }
        }
        assertEquals(List.of(), failures);
    }
}
