package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitCache;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The R-SZZ candidates rca computes equal those of {@code git blame -w} on the lines {@code git diff -w} deletes. */
class BlameDifferentialTest {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void rszzCandidatesMatchGitBlame() throws Exception {
        Random random = new Random(42);
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add("value_" + i + " = compute(" + i + ");");
            }
            repo.commit("initial").add("f.c", String.join("\n", lines) + "\n").create();
            int checked = 0;
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (int c = 1; c <= 60; c++) {
                for (int e = 0; e < 3; e++) {
                    int at = random.nextInt(lines.size());
                    switch (random.nextInt(4)) {
                        case 0 -> lines.set(at, "value_" + at + " = compute(" + c * 100 + e + ");");
                        case 1 -> lines.add(at, "extra_" + c + "_" + e + "(x);");
                        case 2 -> {
                            if (lines.size() > 20) {
                                lines.remove(at);
                            }
                        }
                        default -> lines.set(at, "  " + lines.get(at).strip() + "  ");
                    }
                }
                RevCommit commit = repo.commit("change " + c).add("f.c", String.join("\n", lines) + "\n").create();
                if (c % 5 == 0) {
                    List<String> expected = gitBlameCandidates(repo.directory(), commit.name());
                    assertEquals(expected, rszz(repo, commit.name()), "at " + commit.name());
                    answers.put(commit.name(), expected);
                    checked += expected.isEmpty() ? 0 : 1;
                }
            }
            assertTrue(checked >= 8, "only " + checked + " changes deleted lines");
            // again with rca's cache tables, which the blame walk then reads commits and changed paths from
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                assertNotNull(CommitCache.index(ws, Progress.NONE));
            }
            for (var answer : answers.entrySet()) {
                assertEquals(answer.getValue(), rszz(repo, answer.getKey()), "with the cache at " + answer.getKey());
            }
        }
    }

    private static List<String> rszz(TestRepo repo, String rev) {
        try (GitWorkspace ws = GitWorkspace.open(repo.directory()); SuspectFinder finder = new SuspectFinder(ws)) {
            return finder.rszz(rev);
        }
    }

    private static List<String> gitBlameCandidates(Path dir, String rev) {
        String diff = NativeGit.run(dir, "diff", "-w", "--diff-algorithm=histogram", "-U0", rev + "^", rev, "--",
            "f.c");
        Set<String> shas = new LinkedHashSet<>();
        Matcher m = HUNK.matcher(diff);
        while (m.find()) {
            int start = Integer.parseInt(m.group(1));
            int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (count == 0) {
                continue;
            }
            for (String line : NativeGit.lines(dir, "blame", "--root", "-w", "--diff-algorithm=histogram", "-l", "-s", "-L",
                start + ",+" + count, rev + "^", "--", "f.c")) {
                shas.add(line.substring(0, 40));
            }
        }
        List<String> ordered = new ArrayList<>(shas);
        ordered.sort((a, b) -> Long.compare(commitTime(dir, b), commitTime(dir, a)));
        return ordered;
    }

    private static long commitTime(Path dir, String sha) {
        return Long.parseLong(NativeGit.run(dir, "log", "-1", "--format=%ct", sha).strip());
    }
}
