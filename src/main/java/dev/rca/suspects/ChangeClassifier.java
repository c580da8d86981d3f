package dev.rca.suspects;

import dev.rca.history.CachedGraphReader;
import dev.rca.history.FileChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Tells the commits that change what code does from meta-changes whose lines blame should look past:
 * merges, whitespace- or format-only commits, rename- and mode-only commits, and very large commits.
 * JGit's blame has no ignore-revs that can be decided on the fly, so {@link #lineInParent} maps a line of
 * such a commit to its parent for a re-blame there.
 */
final class ChangeClassifier {
    /** Why a commit is looked past, or {@link #NONE}. */
    enum Meta {
        NONE(null), MERGE("merge"), FORMAT("whitespace- or format-only"), RENAME("rename- or mode-only"),
        HUGE("very large");

        final String label;

        Meta(String label) {
            this.label = label;
        }
    }

    /** What rca knows of one commit's change. */
    record Change(int filesChanged, Meta meta) {
    }

    /**
     * One file of a commit's diff against its parent, without rename detection; a side that is not a blob (a
     * submodule's commit) has no text.
     */
    private record ChangedFile(DiffEntry.ChangeType type, String oldPath, ObjectId oldId, ObjectId newId,
                               boolean oldText, boolean newText) {
        static List<ChangedFile> fromTable(List<FileChange> changes) {
            List<ChangedFile> files = new ArrayList<>(changes.size());
            for (FileChange c : changes) {
                DiffEntry.ChangeType type = c.added() ? DiffEntry.ChangeType.ADD
                    : c.deleted() ? DiffEntry.ChangeType.DELETE : DiffEntry.ChangeType.MODIFY;
                // the table answers for regular and executable files only
                files.add(new ChangedFile(type, c.added() ? DiffEntry.DEV_NULL : c.path(), c.oldId(), c.newId(),
                    !c.added(), !c.deleted()));
            }
            return files;
        }

        static List<ChangedFile> of(List<DiffEntry> entries) {
            List<ChangedFile> files = new ArrayList<>(entries.size());
            for (DiffEntry e : entries) {
                files.add(new ChangedFile(e.getChangeType(), e.getOldPath(), e.getOldId().toObjectId(),
                    e.getNewId().toObjectId(), FixLines.isBlob(e.getOldMode()),
                    FixLines.isBlob(e.getNewMode())));
            }
            return files;
        }
    }

    /** Commits changing more files than this are treated as tree-wide meta-changes. */
    static final int HUGE_FILES = 100;

    private final ObjectReader reader;
    private final RevWalk walk;
    private final Config config;
    private final Map<ObjectId, Change> changes = new HashMap<>();
    private final Map<ObjectId, ClassifiedCommits.Written> lines = new HashMap<>();
    /** What earlier classifiers of this process worked out: most candidates of a fix were another's too. */
    private final ClassifiedCommits memory;
    private final Map<String, RawText> texts = new HashMap<>();
    /**
     * The files each recently classified single-parent commit changed against its parent, as the tree diff
     * listed them before rename detection (which rewrites the entries it is given): what the lines it wrote are
     * read from next, in the same query, without diffing its trees again.
     */
    private final Map<ObjectId, List<ChangedFile>> changedFiles = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, List<ChangedFile>> eldest) {
            return size() > KEEP_CHANGED_FILES;
        }
    };
    private static final int KEEP_CHANGED_FILES = 64;
    /** The current fix's blamer while {@link #readThrough} holds, else null. */
    private Blamer blamer;
    /**
     * Set when a file was left out of what is being worked out for want of an object ({@link #leftOut}): such an
     * answer is the best this repository allows now, not the commit's, and is not kept for the process.
     */
    private boolean partial;

    /** A moved line must carry at least this many non-blank characters to be matched alone. */
    private static final int MOVE_ALONE_CHARS = 30;
    /** ...and at least this many when a neighbour moved with it. */
    private static final int MOVE_BLOCK_CHARS = 10;

    /** A classifier that remembers what it works out in {@code memory} ({@link ClassifiedCommits#of}). */
    ChangeClassifier(ObjectReader reader, RevWalk walk, Config config, ClassifiedCommits memory) {
        this.reader = reader;
        this.walk = walk;
        this.config = config;
        this.memory = memory;
    }

    /** Ends a {@link #readThrough}. */
    interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Reads trees and blobs through {@code blamer}'s reader and diffs with its memory until the returned handle is
     * closed: the commits classified for a fix are mostly those its blame walked, whose trees, blobs and diffs
     * the blamer already holds.
     */
    Reading readThrough(Blamer blamer) {
        this.blamer = blamer;
        return () -> this.blamer = null;
    }

    private ObjectReader reader() {
        ObjectReader shared = blamer == null ? null : blamer.reader();
        return shared != null ? shared : reader;
    }

    private EditList edits(RawText before, RawText after) {
        return blamer != null ? blamer.edits(before, after) : FixLines.edits(before, after);
    }

    /** The size and kind of {@code id}'s change (cached). */
    Change change(ObjectId id) throws IOException {
        Change known = changes.get(id);
        if (known != null) {
            return known;
        }
        int renameLimit = config.get(org.eclipse.jgit.diff.DiffConfig.KEY).getRenameLimit();
        Change change = memory.change(id, renameLimit);
        if (change == null) {
            partial = false;
            change = classify(walk.parseCommit(id));
            if (!partial) {
                memory.keepChange(id, renameLimit, change);
            }
        }
        changes.put(id.copy(), change);
        return change;
    }

    private Change classify(RevCommit commit) throws IOException {
        if (commit.getParentCount() > 1) {
            return new Change(countFiles(commit, walk.parseCommit(commit.getParent(0))), Meta.MERGE);
        }
        if (commit.getParentCount() == 0) {
            return new Change(countFiles(commit, null), Meta.NONE);
        }
        List<ChangedFile> fromTable = tableFiles(commit);
        if (fromTable != null) {
            Change change = classifyUnpaired(commit, fromTable);
            if (change != null) {
                return change;
            }
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        List<DiffEntry> entries = diff(parent, commit, TreeFilter.ANY_DIFF);
        int files = entries.size();
        if (files > HUGE_FILES) {
            return new Change(files, Meta.HUGE);
        }
        // only a commit that is not huge has its written lines read
        changedFiles.put(commit.copy(), ChangedFile.of(entries));
        RenameDetector renames = new RenameDetector(reader(), config.get(org.eclipse.jgit.diff.DiffConfig.KEY));
        renames.addAll(entries);
        List<DiffEntry> detected;
        try {
            detected = renames.compute();
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            // renames found by content need every added and deleted file: without one, none is paired
            detected = leftOut(e, changedBy(commit), entries);
        }
        boolean sameContent = true;
        boolean sameModuloWhitespace = true;
        for (DiffEntry e : detected) {
            switch (e.getChangeType()) {
                case ADD, DELETE, COPY -> {
                    sameContent = false;
                    sameModuloWhitespace = false;
                }
                case RENAME, MODIFY -> {
                    if (!e.getOldId().equals(e.getNewId())) {
                        sameContent = false;
                        // a submodule moved is a change of what the code does, and its commits are not here
                        if (sameModuloWhitespace && (!FixLines.isBlob(e.getOldMode())
                            || !FixLines.isBlob(e.getNewMode())
                            || !equalIgnoringWhitespace(commit, e.getOldId().toObjectId(), e.getNewId().toObjectId()))) {
                            sameModuloWhitespace = false;
                        }
                    }
                }
            }
        }
        if (files == 0) {
            return new Change(0, Meta.NONE);
        }
        if (sameContent) {
            return new Change(files, Meta.RENAME);
        }
        return new Change(files, sameModuloWhitespace ? Meta.FORMAT : Meta.NONE);
    }

    /**
     * {@code commit}'s files as its tree diff lists them, read from rca's changed-path table through the blamer's
     * reader without reading a tree; null when there is no table or it cannot say.
     */
    private List<ChangedFile> tableFiles(RevCommit commit) {
        if (!(reader() instanceof CachedGraphReader cached)) {
            return null;
        }
        List<FileChange> files = cached.changedFiles(commit);
        return files == null ? null : ChangedFile.fromTable(files);
    }

    /**
     * What {@link #classify} makes of a single-parent commit's {@code files} when rename detection has nothing to
     * pair (it adds no file or deletes none): every file keeps its change type. Null when it might pair some.
     */
    private Change classifyUnpaired(RevCommit commit, List<ChangedFile> files) throws IOException {
        int count = files.size();
        if (count > HUGE_FILES) {
            return new Change(count, Meta.HUGE);
        }
        boolean adds = false;
        boolean deletes = false;
        for (ChangedFile f : files) {
            adds |= f.type() == DiffEntry.ChangeType.ADD;
            deletes |= f.type() == DiffEntry.ChangeType.DELETE;
        }
        if (adds && deletes) {
            return null;
        }
        changedFiles.put(commit.copy(), files);
        if (adds || deletes || count == 0) {
            return new Change(count, Meta.NONE);
        }
        boolean sameContent = true;
        for (ChangedFile f : files) {
            if (!f.oldId().equals(f.newId())) {
                sameContent = false;
                if (!equalIgnoringWhitespace(commit, f.oldId(), f.newId())) {
                    return new Change(count, Meta.NONE);
                }
            }
        }
        return new Change(count, sameContent ? Meta.RENAME : Meta.FORMAT);
    }

    private boolean equalIgnoringWhitespace(RevCommit commit, ObjectId a, ObjectId b) throws IOException {
        byte[] ta;
        byte[] tb;
        try {
            ta = FixLines.Texts.bytes(reader(), a);
            tb = FixLines.Texts.bytes(reader(), b);
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            // what cannot be compared is taken for a change: blame then stops at the commit, as at any other
            return leftOut(e, changedBy(commit), false);
        }
        if (ta == null || tb == null) {
            return false;
        }
        return sameOutsideWhitespace(ta, tb);
    }

    /** Where an object missing while classifying {@code commit} was wanted, for the warning. */
    static String changedBy(ObjectId commit) {
        return "a file changed by " + commit.abbreviate(12).name();
    }

    /**
     * Notes that {@code missing} kept part of a commit from being read, and answers {@code instead} for that part;
     * rethrows where no blamer collects what is missing (outside a {@link #readThrough}).
     */
    private <T> T leftOut(org.eclipse.jgit.errors.MissingObjectException missing, String where, T instead)
        throws org.eclipse.jgit.errors.MissingObjectException {
        if (blamer == null) {
            throw missing;
        }
        blamer.missing().add(missing, where);
        partial = true;
        return instead;
    }

    /** Whether the two byte strings are equal once all whitespace is removed, compared in place. */
    static boolean sameOutsideWhitespace(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length && isWhitespace(a[i])) {
                i++;
            }
            while (j < b.length && isWhitespace(b[j])) {
                j++;
            }
            if (i == a.length || j == b.length) {
                return i == a.length && j == b.length;
            }
            if (a[i++] != b[j++]) {
                return false;
            }
        }
    }

    /** What regex {@code \s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private int countFiles(RevCommit commit, RevCommit parent) throws IOException {
        if (parent == null) {
            try (TreeWalk tw = new TreeWalk(reader())) {
                tw.addTree(commit.getTree());
                tw.setRecursive(true);
                int n = 0;
                while (tw.next()) {
                    n++;
                }
                return n;
            }
        }
        return diff(parent, commit, TreeFilter.ANY_DIFF).size();
    }

    private List<DiffEntry> diff(RevCommit parent, RevCommit commit, TreeFilter filter) throws IOException {
        try (TreeWalk tw = new TreeWalk(reader())) {
            tw.addTree(parent.getTree());
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(filter);
            return DiffEntry.scan(tw);
        }
    }

    /**
     * Where line {@code line} of {@code path} in meta-change {@code commit} was in its first parent, or
     * {@code null} when the commit wrote it (then it keeps the blame).
     */
    LineInParent lineInParent(ObjectId commitId, String path, int line) throws IOException {
        Versions v = versions(commitId, path);
        if (v == null) {
            return null;
        }
        RevCommit parent = v.parent();
        String oldPath = v.oldPath();
        int offset = 0;
        for (Edit edit : edits(v.before(), v.after())) {
            if (line < edit.getBeginB()) {
                break;
            }
            if (line < edit.getEndB()) {
                if (edit.getLengthA() == 0) {
                    return null;
                }
                int mapped = edit.getBeginA() + Math.min(line - edit.getBeginB(), edit.getLengthA() - 1);
                return new LineInParent(parent, oldPath, mapped);
            }
            offset = edit.getEndA() - edit.getEndB();
        }
        return new LineInParent(parent, oldPath, line + offset);
    }

    /**
     * For each of {@code lines} (0-based, ascending) of {@code path} in {@code commitId}: when the hunk that wrote it
     * only re-wrapped lines its parent had ({@link CosmeticHunks}), the parent's code lines that held its tokens; null
     * where the commit wrote the line some other way. All null when it is no ordinary single-parent commit or added
     * the file.
     */
    RewrappedLine[] rewraps(ObjectId commitId, String path, int[] lines) throws IOException {
        RewrappedLine[] out = new RewrappedLine[lines.length];
        eachHunkHolding(commitId, path, lines, (v, texts, edit, from, to) -> {
            int[][] held = CosmeticHunks.rewrap(List.of(texts.oldLines()).subList(edit.getBeginA(), edit.getEndA()),
                List.of(texts.newLines()).subList(edit.getBeginB(), edit.getEndB()));
            for (int i = from; held != null && i < to; i++) {
                int[] old = java.util.Arrays.stream(held[lines[i] - edit.getBeginB()])
                    .map(k -> k + edit.getBeginA()).filter(k -> texts.oldCode()[k]).toArray();
                out[i] = old.length == 0 ? null : new RewrappedLine(v.parent(), v.oldPath(), old);
            }
        });
        return out;
    }

    /**
     * For {@link TokenTrace}: per line of {@code lines} (ascending, lines of {@code path} as {@code commitId} left
     * them), the line of the commit's hunk holding it that already had the tokens {@code changed} names as they are
     * (aligned token for token, nothing put inside a gap), when it is the hunk's old code line most like the line
     * (multiset Dice of tokens, at least one half), with those places in it; null where the commit brought them, in
     * a hunk with more than {@link #MAX_TRACED_HUNK} old lines, or where no such line is.
     */
    Carried[] carried(ObjectId commitId, String path, int[] lines, List<ChangedTokens> changed) throws IOException {
        Carried[] out = new Carried[lines.length];
        eachHunkHolding(commitId, path, lines, (v, texts, edit, from, to) -> {
            if (edit.getLengthA() == 0 || edit.getLengthA() > MAX_TRACED_HUNK) {
                return;
            }
            List<List<String>> old = new ArrayList<>();
            List<Map<String, Integer>> counts = new ArrayList<>();
            for (int k = edit.getBeginA(); k < edit.getEndA(); k++) {
                List<String> tokens = texts.oldCode()[k] ? CosmeticHunks.tokens(texts.oldLines()[k]) : List.of();
                old.add(tokens);
                counts.add(counted(tokens));
            }
            for (int i = from; i < to; i++) {
                List<String> now = CosmeticHunks.tokens(texts.newLines()[lines[i]]);
                ChangedTokens here = changed.get(i).in(now);
                if (here == null) {
                    continue;
                }
                Map<String, Integer> nowCounts = counted(now);
                int best = -1;
                double bestDice = 0;
                for (int k = 0; k < old.size(); k++) {
                    double d = dice(nowCounts, now.size(), counts.get(k), old.get(k).size());
                    if (d > bestDice) {
                        best = k;
                        bestDice = d;
                    }
                }
                if (best < 0 || bestDice < 0.5) {
                    continue;
                }
                int[] match = ChangedTokens.align(now, old.get(best), ChangedTokens.MAX_CELLS);
                ChangedTokens before = match == null ? null : here.before(match, old.get(best));
                if (before != null) {
                    out[i] = new Carried(new LineInParent(v.parent(), v.oldPath(), edit.getBeginA() + best), before);
                }
            }
        });
        return out;
    }

    /** A file's lines as an ordinary commit left them and as its parent had them, with which of the old are code. */
    private record HunkTexts(String[] oldLines, String[] newLines, boolean[] oldCode) {
    }

    /** What {@link #eachHunkHolding} does with one hunk and the asked lines {@code [from, to)} it wrote. */
    @FunctionalInterface
    private interface HunkVisit {
        void visit(Versions v, HunkTexts texts, Edit edit, int from, int to) throws IOException;
    }

    /**
     * Visits each hunk of {@code commitId}'s change to {@code path} that wrote some of {@code lines} (ascending, lines
     * as the commit left them), with those lines; none when it is no ordinary single-parent commit or added the file.
     * The texts are split once, at the first hunk visited.
     */
    private void eachHunkHolding(ObjectId commitId, String path, int[] lines, HunkVisit visit) throws IOException {
        if (change(commitId).meta() != Meta.NONE) {
            return;
        }
        Versions v = versions(commitId, path);
        if (v == null) {
            return;
        }
        HunkTexts texts = null;
        int i = 0;
        for (Edit edit : edits(v.before(), v.after())) {
            while (i < lines.length && lines[i] < edit.getBeginB()) {
                i++;
            }
            if (i == lines.length) {
                break;
            }
            int from = i;
            while (i < lines.length && lines[i] < edit.getEndB()) {
                i++;
            }
            if (i == from) {
                continue;
            }
            if (texts == null) {
                String[] oldLines = FixLines.Texts.lines(v.before());
                texts = new HunkTexts(oldLines, FixLines.Texts.lines(v.after()),
                    SourceLines.forFile(v.oldPath(), oldLines).codeLines(oldLines));
            }
            visit.visit(v, texts, edit, from, i);
        }
    }

    /** The most old lines a hunk may have for {@link #carried} to look in it: a rewrite is no edit around a line. */
    static final int MAX_TRACED_HUNK = 400;

    /** A line of the parent that had a later line's changed tokens, and where they are in it. */
    record Carried(LineInParent line, ChangedTokens changed) {
    }

    private static Map<String, Integer> counted(List<String> tokens) {
        Map<String, Integer> count = new HashMap<>();
        tokens.forEach(t -> count.merge(t, 1, Integer::sum));
        return count;
    }

    private static double dice(Map<String, Integer> a, int aSize, Map<String, Integer> b, int bSize) {
        if (aSize + bSize == 0) {
            return 0;
        }
        int common = 0;
        for (var e : a.entrySet()) {
            common += Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0));
        }
        return 2.0 * common / (aSize + bSize);
    }

    /** A file as a commit left it and as its first parent had it (at {@code oldPath}, renames followed). */
    private record Versions(RevCommit parent, String oldPath, RawText before, RawText after) {
    }

    /**
     * {@code path} at {@code commitId} and at its first parent; null for a root commit, a file the commit added, or
     * a side that is no readable file.
     */
    private Versions versions(ObjectId commitId, String path) throws IOException {
        RevCommit commit = walk.parseCommit(commitId);
        if (commit.getParentCount() == 0) {
            return null;
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        String oldPath = pathInParent(parent, commit, path);
        RawText after = oldPath == null ? null : blobText(commit, path);
        RawText before = after == null ? null : blobText(parent, oldPath);
        return before == null ? null : new Versions(parent, oldPath, before, after);
    }

    /** A line a commit only re-wrapped: the code lines of {@code path} at {@code parent} that held its tokens. */
    record RewrappedLine(RevCommit parent, String path, int[] lines) {
        RewrappedLine {
            if (lines.length == 0) {
                throw new IllegalArgumentException("a re-wrapped line came from at least one line");
            }
        }
    }

    /**
     * Where line {@code line} of {@code path} in {@code commitId} was before the commit moved it, or
     * {@code null}: the line (ignoring whitespace) must be one the same commit deleted elsewhere, exactly
     * once, and be long enough or move together with a neighbour. This stands in for git blame's -M/-C,
     * which JGit lacks.
     */
    LineInParent movedFrom(ObjectId commitId, String path, int line) throws IOException {
        Change change = change(commitId);
        if (change.meta() == Meta.MERGE || change.filesChanged() > HUGE_FILES) {
            return null;
        }
        RevCommit commit = walk.parseCommit(commitId);
        if (commit.getParentCount() != 1) {
            return null;
        }
        RawText after = textAt(commit, path);
        if (after == null || line >= after.size()) {
            return null;
        }
        String text = withoutWhitespace(after.getString(line));
        if (text.length() < MOVE_BLOCK_CHARS) {
            return null;
        }
        ClassifiedCommits.Written written = lines(commit);
        Map<String, ClassifiedCommits.Place> deleted = written.deleted();
        ClassifiedCommits.Place from = deleted.get(text);
        if (from == null || from.path() == null) {
            return null;
        }
        boolean moved = text.length() >= MOVE_ALONE_CHARS;
        for (int d = -1; d <= 1 && !moved; d += 2) {
            int n = line + d;
            String neighbourText = n >= 0 && n < after.size() ? withoutWhitespace(after.getString(n)) : "";
            if (neighbourText.length() > 0) {
                ClassifiedCommits.Place neighbour = deleted.get(neighbourText);
                moved = neighbour != null && from.path().equals(neighbour.path())
                    && neighbour.line() == from.line() + d;
            }
        }
        return moved ? new LineInParent(walk.parseCommit(written.parent()), from.path(), from.line()) : null;
    }

    /**
     * The text of {@code path} at {@code commit}, or null; kept per query, since the lines of one file are asked
     * about one by one. Only the lines asked about are stripped of whitespace: a blamed file may have thousands.
     */
    private RawText textAt(RevCommit commit, String path) throws IOException {
        String key = commit.name() + ':' + path;
        if (texts.containsKey(key)) {
            return texts.get(key);
        }
        RawText text = blobText(commit, path);
        texts.put(key, text);
        return text;
    }

    /**
     * {@code line} without the characters regex {@code \s} matches (space, tab, line feed, vertical tab, form
     * feed, carriage return); by hand because a regex per line of every file looked at was a tenth of the time.
     */
    static String withoutWhitespace(String line) {
        StringBuilder kept = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isWhitespace(c)) {
                if (kept == null) {
                    kept = new StringBuilder(line.length()).append(line, 0, i);
                }
            } else if (kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? line : kept.toString();
    }

    /** Identifiers of a commit's added lines are collected up to this many lines. */
    private static final int MAX_IDENTIFIER_LINES = 20_000;

    /**
     * The identifiers on the lines {@code id} added (keywords left out); empty for merges and for commits
     * too large to say anything in particular.
     */
    Set<String> addedIdentifiers(ObjectId id) throws IOException {
        Change change = change(id);
        if (change.meta() == Meta.MERGE || change.filesChanged() > HUGE_FILES) {
            return Set.of();
        }
        RevCommit commit = walk.parseCommit(id);
        return commit.getParentCount() == 1 ? lines(commit).addedIdentifiers() : Set.of();
    }

    /**
     * What a single-parent commit wrote: every line it deleted or replaced (whitespace stripped) with where it
     * was, duplicates unusable; and the identifiers on the lines it added.
     */
    private ClassifiedCommits.Written lines(RevCommit commit) throws IOException {
        ClassifiedCommits.Written known = lines.get(commit);
        if (known == null) {
            known = memory.written(commit);
            if (known == null) {
                partial = false;
                known = written(commit);
                if (!partial) {
                    memory.keepWritten(commit, known);
                }
            }
            lines.put(commit.copy(), known);
        }
        return known;
    }

    private ClassifiedCommits.Written written(RevCommit commit) throws IOException {
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        Map<String, ClassifiedCommits.Place> map = new HashMap<>();
        Set<String> identifiers = new LinkedHashSet<>();
        int added = 0;
        List<ChangedFile> files = changedFiles.remove(commit);
        if (files == null) {
            // classified by an earlier query: the table lists its files as the tree diff would, renames unpaired
            files = tableFiles(commit);
        }
        if (files == null) {
            files = ChangedFile.of(diff(parent, commit, TreeFilter.ANY_DIFF));
        }
        for (ChangedFile e : files) {
            RawText before;
            RawText after;
            try {
                before = e.type() == DiffEntry.ChangeType.ADD || !e.oldText() ? RawText.EMPTY_TEXT
                    : FixLines.Texts.load(reader(), e.oldId());
                after = e.type() == DiffEntry.ChangeType.DELETE || !e.newText() ? RawText.EMPTY_TEXT
                    : FixLines.Texts.load(reader(), e.newId());
            } catch (org.eclipse.jgit.errors.MissingObjectException missing) {
                // the commit's other files still say what it wrote
                before = leftOut(missing, changedBy(commit), null);
                after = null;
            }
            if (before == null || after == null) {
                continue;
            }
            for (Edit edit : edits(before, after)) {
                for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                    String key = withoutWhitespace(before.getString(i));
                    if (key.length() < MOVE_BLOCK_CHARS) {
                        continue;
                    }
                    map.merge(key, new ClassifiedCommits.Place(e.oldPath(), i),
                        (a, b) -> new ClassifiedCommits.Place(null, -1));
                }
                for (int i = edit.getBeginB(); i < edit.getEndB() && added < MAX_IDENTIFIER_LINES; i++, added++) {
                    Terms.identifiers(after.getString(i), identifiers);
                }
            }
        }
        return new ClassifiedCommits.Written(parent, map, identifiers);
    }

    /** A line's position in a parent commit. */
    record LineInParent(RevCommit parent, String path, int line) {
    }

    private String pathInParent(RevCommit parent, RevCommit commit, String path) throws IOException {
        if (TreeWalk.forPath(reader(), path, parent.getTree()) != null) {
            return path;
        }
        List<DiffEntry> entries = diff(parent, commit, TreeFilter.ANY_DIFF);
        if (entries.size() > HUGE_FILES * 10) {
            return null;
        }
        RenameDetector renames = new RenameDetector(reader(), config.get(org.eclipse.jgit.diff.DiffConfig.KEY));
        renames.addAll(entries);
        for (DiffEntry e : renames.compute()) {
            if ((e.getChangeType() == DiffEntry.ChangeType.RENAME || e.getChangeType() == DiffEntry.ChangeType.COPY)
                && e.getNewPath().equals(path)) {
                return e.getOldPath();
            }
        }
        return null;
    }

    private RawText blobText(RevCommit commit, String path) throws IOException {
        if (reader() instanceof CachedGraphReader cached) {
            ObjectId blob = cached.fileAt(commit, path);
            if (blob != null) {
                return blob.equals(ObjectId.zeroId()) ? null : FixLines.Texts.load(reader(), blob);
            }
        }
        try (TreeWalk tw = TreeWalk.forPath(reader(), PathFilter.create(path).getPath(), commit.getTree())) {
            if (tw == null || !FixLines.isBlob(tw.getFileMode(0))) {
                return null; // nothing there, a directory, or a submodule, whose commit is not in this repository
            }
            return FixLines.Texts.load(reader(), tw.getObjectId(0));
        }
    }
}
