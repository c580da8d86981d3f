package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once {@code rca index} has written the changed-path table, candidates are classified from it instead of from
 * their trees: the same kinds, the same written lines and the same answers as without it, on a history of every
 * kind of change the classifier tells apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableClassificationTest {
    @TempDir
    static Path tmp;

    private TestRepo repo;
    private final List<RevCommit> commits = new ArrayList<>();

    @BeforeAll
    void generate() {
        repo = TestRepo.init(tmp.resolve("kinds")).tick(3600);
        Random random = new Random(5);
        Map<String, List<String>> files = new LinkedHashMap<>();
        TestRepo.CommitSpec first = repo.commit("initial import");
        for (int f = 0; f < 130; f++) {
            String path = (f < 110 ? "gen/g" : f % 2 == 0 ? "src/a/f" : "src/b/f") + f + ".c";
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                lines.add(k % 5 == 0 ? "/* part " + k + " of " + f + " */" : "int f" + f + "_" + k + "(int x) { return x + " + k + "; }");
            }
            files.put(path, lines);
            first.add(path, String.join("\n", lines) + "\n");
        }
        commits.add(first.create());
        for (int i = 1; i < 120; i++) {
            List<String> paths = files.keySet().stream().filter(p -> !p.startsWith("gen/") && files.get(p).size() > 6)
                .toList();
            String path = paths.get(random.nextInt(paths.size()));
            List<String> lines = files.get(path);
            TestRepo.CommitSpec c = repo.commit("change " + i);
            if (i >= 25 && i < 29) {
                // a submodule and a symbolic link beside an edit, which neither the table nor a text read can take
                // for a file (RCA-3)
                lines.set(2, "int beside" + i + "(int z) { return z + " + i + "; }");
                c.add(path, text(lines));
                switch (i) {
                    case 25 -> c.addSubmodule("lib/sub", ObjectId.fromString("1111111111111111111111111111111111111111"));
                    case 26 -> c.addSubmodule("lib/sub", ObjectId.fromString("2222222222222222222222222222222222222222"))
                        .addSymlink("src/link", path);
                    case 27 -> c.addSymlink("src/link", "elsewhere.c");
                    default -> c.add("lib/sub", "a file where the submodule was\n");
                }
                commits.add(c.create());
                continue;
            }
            switch (i % 10) {
                case 1 -> { // whitespace only
                    lines.replaceAll(l -> "  " + l);
                    c.add(path, text(lines));
                }
                case 2 -> c.addExecutable(path, text(lines)); // mode only
                case 3 -> { // a pure rename
                    String to = path.replace(".c", "_r" + i + ".c");
                    files.put(to, files.remove(path));
                    c.rename(path, to);
                }
                case 4 -> { // a rename with an edit
                    String to = path.replace("src/", "lib/");
                    lines.set(3, "int renamed" + i + "(void) { return " + i + "; }");
                    files.put(to, files.remove(path));
                    c.rename(path, to).add(to, text(lines));
                }
                case 5 -> { // a new file
                    String added = "src/new" + i + ".c";
                    List<String> body = new ArrayList<>();
                    for (int k = 0; k < 8; k++) {
                        body.add("int added" + i + "_" + k + "(void) { return helper_" + i + "(" + k + "); }");
                    }
                    files.put(added, body);
                    c.add(added, text(files.get(added)));
                }
                case 6 -> { // a deleted file, and an edit beside it
                    files.remove(path);
                    c.delete(path);
                }
                case 7 -> { // code moved to another file
                    String to = paths.get(paths.size() - 1);
                    if (!to.equals(path) && lines.size() > 6) {
                        List<String> moved = new ArrayList<>(lines.subList(2, 5));
                        lines.subList(2, 5).clear();
                        files.get(to).addAll(moved);
                        c.add(path, text(lines)).add(to, text(files.get(to)));
                    }
                }
                case 8 -> { // a very large commit
                    for (int f = 0; f < 110; f++) {
                        List<String> g = files.get("gen/g" + f + ".c");
                        g.set(1, "int f" + f + "_1(int x) { return x * " + i + "; }");
                        c.add("gen/g" + f + ".c", text(g));
                    }
                }
                case 9 -> { // a side branch, merged
                    RevCommit base = commits.get(commits.size() - 1);
                    lines.set(0, "/* side " + i + " */");
                    RevCommit side = repo.commit("side " + i).add(path, text(lines)).create();
                    repo.branch("master", base);
                    commits.add(side);
                    c = repo.commit("merge " + i).merge(side).add(path, text(lines));
                }
                default -> { // an edit of a few lines
                    for (int k = 0; k < 1 + random.nextInt(3) && !lines.isEmpty(); k++) {
                        lines.set(random.nextInt(lines.size()), "int edited" + i + "_" + k + "(int y) { return y - " + k + "; }");
                    }
                    c.add(path, text(lines));
                }
            }
            commits.add(c.create());
        }
    }

    private static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void classificationFromTheTableIsTheTreeDiffs() throws Exception {
        assertEquals(0, Cli.run(repo.directory(), "index").exitCode());
        Map<ChangeClassifier.Meta, Integer> kinds = new EnumMap<>(ChangeClassifier.Meta.class);
        try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
            RevCommit head = walk.parseCommit(ws.repository().resolve("HEAD"));
            ChangeClassifier fromTrees = new ChangeClassifier(ws.repository().newObjectReader(), walk,
                ws.repository().getConfig(), new ClassifiedCommits(0));
            ChangeClassifier fromTable = new ChangeClassifier(ws.repository().newObjectReader(), walk,
                ws.repository().getConfig(), new ClassifiedCommits(0));
            // a later query's classifier finds the kinds an earlier one kept, and reads what a commit wrote alone
            ClassifiedCommits shared = new ClassifiedCommits(64 << 20);
            ChangeClassifier earlier = new ChangeClassifier(ws.repository().newObjectReader(), walk,
                ws.repository().getConfig(), shared);
            ChangeClassifier later = new ChangeClassifier(ws.repository().newObjectReader(), walk,
                ws.repository().getConfig(), shared);
            int fromTheTable = 0;
            try (Blamer blamer = Blamer.at(ws, head); ChangeClassifier.Reading reading = fromTable.readThrough(blamer);
                 ChangeClassifier.Reading earlierReading = earlier.readThrough(blamer);
                 ChangeClassifier.Reading laterReading = later.readThrough(blamer)) {
                assertTrue(blamer.reader() instanceof dev.rca.history.CachedGraphReader, "the index is read");
                for (RevCommit c : commits) {
                    ChangeClassifier.Change expected = fromTrees.change(c);
                    assertEquals(expected, fromTable.change(c), c.getShortMessage());
                    kinds.merge(expected.meta(), 1, Integer::sum);
                    if (((dev.rca.history.CachedGraphReader) blamer.reader()).changedFiles(c) != null) {
                        fromTheTable++;
                    }
                    List<String> identifiers = List.copyOf(fromTrees.addedIdentifiers(c));
                    assertEquals(identifiers, List.copyOf(fromTable.addedIdentifiers(c)), c.getShortMessage());
                    assertEquals(expected, earlier.change(c), c.getShortMessage());
                    assertEquals(expected, later.change(c), c.getShortMessage());
                    assertEquals(identifiers, List.copyOf(later.addedIdentifiers(c)), c.getShortMessage());
                    for (String path : pathsIn(ws, c)) {
                        for (int line = 0; line < 40; line++) {
                            assertEquals(String.valueOf(fromTrees.movedFrom(c, path, line)),
                                String.valueOf(fromTable.movedFrom(c, path, line)),
                                c.getShortMessage() + " " + path + ":" + line);
                        }
                    }
                }
            }
            assertTrue(fromTheTable >= commits.size() * 3 / 4, "the table answers for most commits: " + fromTheTable);
        }
        for (ChangeClassifier.Meta meta : ChangeClassifier.Meta.values()) {
            assertTrue(kinds.getOrDefault(meta, 0) > 0, "the history has a commit of each kind: " + kinds);
        }
    }

    /** The files {@code c} has that its first parent lacks or holds differently. */
    private static List<String> pathsIn(GitWorkspace ws, RevCommit c) throws Exception {
        List<String> paths = new ArrayList<>();
        if (c.getParentCount() == 0) {
            return paths;
        }
        try (RevWalk walk = new RevWalk(ws.repository()); TreeWalk tw = new TreeWalk(ws.repository())) {
            tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (tw.next()) {
                if (!tw.getObjectId(1).equals(ObjectId.zeroId())) {
                    paths.add(tw.getPathString());
                }
            }
        }
        return paths;
    }

    @Test
    void answersAreTheSameBeforeAndAfterIndexing() {
        Path copy = tmp.resolve("copy");
        dev.rca.testing.NativeGit.run(tmp, "clone", "-q", repo.directory().toString(), copy.toString());
        List<String> before = new ArrayList<>();
        List<String> fixes = commits.stream().filter(c -> c.getParentCount() == 1).map(RevCommit::name).toList()
            .subList(1, 60);
        for (String fix : fixes) {
            CliResult r = Cli.run(copy, "suspects", "--no-trailers", "--format=json", fix);
            before.add(r.exitCode() + " " + r.out() + r.err());
        }
        assertEquals(0, Cli.run(copy, "index").exitCode());
        // what the first pass classified would answer the second from memory, not from the table
        ClassifiedCommits.SHARED.forget();
        for (int i = 0; i < fixes.size(); i++) {
            CliResult r = Cli.run(copy, "suspects", "--no-trailers", "--format=json", fixes.get(i));
            assertEquals(before.get(i), r.exitCode() + " " + r.out() + r.err(), fixes.get(i));
        }
        long answered = before.stream().filter(s -> s.startsWith("0 ")).count();
        // the others abstain, each saying why (its best candidate and score), which is compared too
        assertTrue(answered >= 10, "some commits have suspects: " + answered + " of " + fixes.size());
    }
}
