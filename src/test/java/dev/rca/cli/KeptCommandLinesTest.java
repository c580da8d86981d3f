package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.git.CommandRunner;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line kept between invocations answers every one of them byte for byte as a fresh one does. */
class KeptCommandLinesTest {
    @TempDir
    Path tmp;

    private Path dir;
    private RevCommit good;
    private RevCommit bug;
    private RevCommit fix;

    @BeforeEach
    void repository() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            good = repo.commit("add cache\n\nThe first cache.").add("src/cache.c", "int a;\nint b;\nint c;\n")
                .add("docs/notes.md", "notes\n").create();
            repo.tag("good", good);
            bug = repo.commit("cache: evict early").add("src/cache.c", "int a;\nint b = 1;\nint c;\n")
                .by("bob", "bob@example.com").create();
            repo.commit("move cache").rename("src/cache.c", "lib/cache.c").create();
            repo.commit("docs: explain eviction").add("docs/notes.md", "notes\neviction\n").create();
            fix = repo.commit("fix: cache eviction\n\nFixes: " + bug.name().substring(0, 12) + " (\"cache: evict early\")")
                .add("lib/cache.c", "int a;\nint b = 2;\nint c;\n").create();
            repo.checkout();
            dir = repo.directory();
        }
    }

    /** Read-only invocations whose options, if any survived into the next one, would change its answer. */
    private List<String[]> readOnlyInvocations() {
        String epoch = String.valueOf(good.getCommitTime() + 1);
        return new ArrayList<>(List.of(
            new String[] {"log", "--grep=cache", "--grep=fix", "--all-match", "--format=sha"},
            new String[] {"log", "--format=sha"},
            new String[] {"log", "--grep=CACHE", "-i", "--invert-grep", "--format=oneline"},
            new String[] {"log", "--author=bob", "--format=json"},
            new String[] {"log", "-n", "2"},
            new String[] {"log", "--since=2.years.ago", "--until=@" + epoch, "--format=sha"},
            new String[] {"log", "--first-parent", "--no-merges", "--format=sha", "--", "docs"},
            new String[] {"-C", "lib", "log", "--format=sha", "--", "../docs"},
            new String[] {"-C", "lib", "-C", "..", "history", "--format=sha", "lib/cache.c"},
            new String[] {"history", "--follow", "lib/cache.c"},
            new String[] {"history", "--authors", "lib"},
            new String[] {"history", "--stat", "--format=json", "docs/notes.md"},
            new String[] {"history", "--format=sha", "lib/cache.c"},
            new String[] {"suspects", fix.name(), "--format=json"},
            new String[] {"suspects", fix.name(), "--no-trailers", "--top=1", "--format=sha"},
            new String[] {"suspects", fix.name()},
            new String[] {"log", "--bogus"},
            new String[] {"log", "--format=xml"},
            new String[] {"history", "no/such/path"},
            new String[] {"suspects", "no-such-commit"}));
    }

    @Test
    void keptLinesAnswerMixedInvocationsAsFreshOnesInAnyOrder() {
        KeptCommandLines kept = new KeptCommandLines();
        List<String[]> invocations = readOnlyInvocations();
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            for (String[] args : invocations) {
                assertEquals(Cli.run(dir, args), kept(kept, args), String.join(" ", args));
            }
            Collections.shuffle(invocations, random);
        }
    }

    @Test
    void aBisectionThroughKeptLinesRecordsWhatOneThroughFreshLinesDoes() {
        List<String[]> session = List.of(
            new String[] {"bisect-helper", "start", "--bad=HEAD", "--good=good"},
            new String[] {"bisect-helper", "status"},
            new String[] {"bisect-helper", "bad", bug.name()},
            new String[] {"bisect-helper", "status", "--format=json"},
            new String[] {"bisect-helper", "log"},
            new String[] {"bisect-helper", "reset"},
            new String[] {"bisect-helper", "start", "--bad=HEAD", "--good=good", "--first-parent", "--", "docs"},
            new String[] {"bisect-helper", "range"},
            new String[] {"bisect-helper", "reset"});
        List<CliResult> fresh = new ArrayList<>();
        for (String[] args : session) {
            fresh.add(Cli.run(dir, args));
        }
        KeptCommandLines kept = new KeptCommandLines();
        for (int i = 0; i < session.size(); i++) {
            assertEquals(fresh.get(i), kept(kept, session.get(i)), String.join(" ", session.get(i)));
        }
    }

    @Test
    void aRunThroughKeptLinesWarnsAsAFreshOneDoesWhateverRanBefore() {
        // the second run's commits are all good: a kept command that remembered the first run's bad ones said nothing
        List<String[]> session = List.of(
            new String[] {"bisect-helper", "start", "--bad=HEAD", "--good=good"},
            new String[] {"bisect-helper", "run", "--", "exit 1"},
            new String[] {"bisect-helper", "start", "--bad=HEAD", "--good=good"},
            new String[] {"bisect-helper", "run", "--", "true"},
            new String[] {"bisect-helper", "reset"});
        List<CliResult> fresh = new ArrayList<>();
        for (String[] args : session) {
            fresh.add(Cli.run(dir, args));
        }
        assertTrue(fresh.get(3).err().contains("rca: warning: every tested commit was good"), fresh.get(3).toString());
        KeptCommandLines kept = new KeptCommandLines();
        for (int i = 0; i < session.size(); i++) {
            assertEquals(fresh.get(i), kept(kept, session.get(i)), String.join(" ", session.get(i)));
        }
    }

    @Test
    void stacktraceAndDirectoryOfOneInvocationDoNotReachTheNext() {
        KeptCommandLines kept = new KeptCommandLines();
        CliResult traced = kept(kept, "--stacktrace", "-C", "lib", "suspects", "no-such-commit");
        assertTrue(traced.err().contains("\tat "), traced.toString());
        CliResult plain = kept(kept, "suspects", "no-such-commit");
        assertFalse(plain.err().contains("\tat "), plain.toString());
        assertEquals(Cli.run(dir, "suspects", "no-such-commit"), plain);
        assertEquals(Cli.run(dir, "history", "--format=sha", "lib/cache.c"), kept(kept, "history", "--format=sha",
            "lib/cache.c"));
    }

    private CliResult kept(KeptCommandLines kept, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = kept.run(dir.toString(), false, false, CommandRunner::run, new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(code, out.toString(), err.toString());
    }
}
