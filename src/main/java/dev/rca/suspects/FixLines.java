package dev.rca.suspects;

import dev.rca.git.ConfiguredDiffAlgorithm;
import dev.rca.history.CachedGraphReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The lines of a fix's parent that the fix puts in question: the lines it deletes or modifies (compared
 * with whitespace ignored, blank and comment-only lines skipped) and, for hunks that only add lines, the
 * code lines around the insertion and the lines of the enclosing function.
 */
final class FixLines {
    /** Why a line is blamed. */
    enum Kind { CHANGED, NEIGHBOUR, FUNCTION }

    /**
     * One line of the parent to blame.
     *
     * @param path     path in the parent
     * @param line     0-based line number in the parent's version
     * @param kind     why it is blamed
     * @param weight   how much it counts towards a suspect's share
     * @param function the header of the enclosing function, or {@code null}
     * @param context  whether it is context of the fix rather than what git blame would be asked about (the
     *                 changed lines, the lines around an insertion): context is blamed only as far back in
     *                 history as the other lines of its file need
     * @param changed  for a deleted or modified line, where the fix changes its tokens ({@link #changedTokens});
     *                 none otherwise
     */
    record Target(String path, int line, Kind kind, double weight, String function, boolean context,
                  ChangedTokens changed) {
        Target(String path, int line, Kind kind, double weight, String function, boolean context) {
            this(path, line, kind, weight, function, context, ChangedTokens.NONE);
        }
    }

    /** Per-hunk weight spread over the enclosing function's lines when a hunk only adds lines. */
    private static final double FUNCTION_WEIGHT = 0.5;
    private static final double NEIGHBOUR_WEIGHT = 0.5;
    /** Context around a hunk that deletes or modifies lines counts for this fraction of an insertion's. */
    private static final double MODIFIED_CONTEXT_WEIGHT = 0.25;
    private static final int MAX_FUNCTION_LINES = 300;
    private static final int NEIGHBOUR_REACH = 8;
    /** Only this many lines of the enclosing function on each side of an insertion are blamed. */
    private static final int FUNCTION_REACH = 25;

    private FixLines() {
    }

    /**
     * The targets of {@code fix} against {@code parent}, grouped by path in diff order.
     *
     * @param insertionContext whether add-only hunks contribute their surroundings (R-SZZ: no)
     * @param identifiers      when not {@code null}, receives the identifiers of every line the fix deletes,
     *                         modifies or adds in a file it modifies
     */
    static Map<String, List<Target>> of(ObjectReader reader, Config config, RevCommit parent, RevCommit fix,
                                        boolean insertionContext, Set<String> identifiers) throws IOException {
        return read(reader, config, parent, fix, insertionContext, identifiers).byPath();
    }

    /**
     * The targets of a fix and how its lines were read to find them.
     *
     * @param beyondComments whether a file with targets is in a language read beyond its comments
     *                       ({@link SourceLines#readsBeyondComments}), which may have imports to blame
     * @param unnamed        the fix's files left out because blame cannot name them ({@link #namedIn})
     */
    record Read(Map<String, List<Target>> byPath, Reading reading, boolean beyondComments, List<String> unnamed) {
        private boolean changesCode() {
            return byPath.values().stream().flatMap(List::stream).anyMatch(t -> t.kind() == Kind.CHANGED);
        }
    }

    /** {@link #of}, saying which pass found the targets: {@link Reading#EVERY_LINE} when nothing else had any. */
    static Read read(ObjectReader reader, Config config, RevCommit parent, RevCommit fix, boolean insertionContext,
                     Set<String> identifiers) throws IOException {
        Map<Reading, Set<String>> found = new java.util.EnumMap<>(Reading.class);
        PassRunner pass = reading -> {
            Set<String> words = identifiers == null ? null
                : found.computeIfAbsent(reading, r -> new java.util.HashSet<>());
            return of(reader, config, parent, fix, insertionContext, words, reading);
        };
        Read read = pass.run(Reading.CODE);
        // imports are no evidence beside other code, but a fix that changes nothing else fixed an import
        if (!read.changesCode() && (read.byPath().isEmpty() || read.beyondComments())) {
            read = orElse(read, pass.run(Reading.CODE_AND_IMPORTS));
        }
        // A fix of comments, documentation strings or whitespace alone (a wrong comment, a doc warning, a double
        // space in a message) was made necessary by whoever wrote those lines: with nothing else to blame, they
        // are. R-SZZ (no insertion context) skips them, as published.
        if (insertionContext && read.byPath().values().stream().flatMap(List::stream).allMatch(Target::context)) {
            read = orElse(read, pass.run(Reading.EVERY_LINE));
        }
        if (identifiers != null) {
            identifiers.addAll(found.get(read.reading()));
        }
        return read;
    }

    /** A pass over the fix reading its lines one way. */
    @FunctionalInterface
    private interface PassRunner {
        Read run(Reading reading) throws IOException;
    }

    /** The later pass where it finds a changed line to blame, else the earlier one. */
    private static Read orElse(Read earlier, Read later) {
        return later.changesCode() ? later : earlier;
    }

    private static Read of(ObjectReader reader, Config config, RevCommit parent, RevCommit fix, boolean insertionContext,
                           Set<String> identifiers, Reading reading) throws IOException {
        Map<String, List<Target>> byPath = new LinkedHashMap<>();
        boolean beyondComments = false;
        List<String> unnamed = new ArrayList<>();
        for (DiffEntry entry : changes(reader, config, parent, fix)) {
            if (entry.getChangeType() == DiffEntry.ChangeType.ADD
                || entry.getChangeType() == DiffEntry.ChangeType.COPY
                || !isBlob(entry.getOldMode())
                // blame reads no symbolic link (JGit's generator takes files only): nothing it could attribute
                || entry.getOldMode() == FileMode.SYMLINK) {
                continue;
            }
            if (!namedIn(reader, parent, entry.getOldPath())) {
                unnamed.add(entry.getOldPath());
                continue;
            }
            RawText before = Texts.load(reader, entry.getOldId().toObjectId());
            if (before == null) {
                continue;
            }
            RawText after = entry.getChangeType() == DiffEntry.ChangeType.DELETE || !isBlob(entry.getNewMode())
                ? RawText.EMPTY_TEXT : Texts.load(reader, entry.getNewId().toObjectId());
            if (after == null) {
                continue;
            }
            String[] lines = Texts.lines(before);
            SourceLines rules = SourceLines.forFile(entry.getOldPath(), lines);
            List<Target> targets = targets(entry.getOldPath(), rules, before, lines, after, insertionContext,
                identifiers, reading);
            if (!targets.isEmpty()) {
                byPath.put(entry.getOldPath(), targets);
                beyondComments |= rules.readsBeyondComments();
            }
        }
        return new Read(byPath, reading, beyondComments, unnamed);
    }

    /**
     * Whether {@code path}, as the diff decoded its name, names a file in {@code commit}: not when the name's bytes
     * are not UTF-8 (a Latin-1 {@code caf\351.c}). JGit decodes such a name by another charset, and blame, which
     * looks for the name's UTF-8 bytes, finds no such file. Only a name with a character beyond ASCII can be one.
     */
    static boolean namedIn(ObjectReader reader, RevCommit commit, String path) throws IOException {
        if (path.chars().allMatch(c -> c < 0x80)) {
            return true;
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            return walk != null;
        }
    }

    /** The fix's changes against its parent, renames detected. */
    private static List<DiffEntry> changes(ObjectReader reader, Config config, RevCommit parent, RevCommit fix)
        throws IOException {
        try (DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            df.setReader(reader, ConfiguredDiffAlgorithm.readableByJGit(config));
            df.setDetectRenames(true);
            return df.scan(parent.getTree(), fix.getTree());
        }
    }

    /**
     * Why {@link #of} finds nothing to blame in {@code fix}: what it does instead, each kind of change once in diff
     * order ("adds files", "renames files", "changes binary files", "moves a submodule to another commit", ...).
     */
    static String nothingToBlame(ObjectReader reader, Config config, RevCommit parent, RevCommit fix)
        throws IOException {
        Set<String> what = new java.util.LinkedHashSet<>();
        for (DiffEntry entry : changes(reader, config, parent, fix)) {
            DiffEntry.ChangeType type = entry.getChangeType();
            boolean gitlink = entry.getOldMode() == FileMode.GITLINK || entry.getNewMode() == FileMode.GITLINK;
            if (type == DiffEntry.ChangeType.ADD || type == DiffEntry.ChangeType.COPY) {
                what.add(gitlink ? "adds a submodule" : "adds files");
            } else if (gitlink) {
                what.add(type == DiffEntry.ChangeType.DELETE ? "removes a submodule"
                    : "moves a submodule to another commit (its own history holds the change)");
            } else if (entry.getOldMode() == FileMode.SYMLINK) {
                what.add("changes symbolic links, which rca does not blame");
            } else if (!isBlob(entry.getOldMode()) || Texts.bytes(reader, entry.getOldId().toObjectId()) == null
                || type != DiffEntry.ChangeType.DELETE && Texts.bytes(reader, entry.getNewId().toObjectId()) == null) {
                what.add("changes binary files, which blame cannot read");
            } else if (entry.getOldId().equals(entry.getNewId())) {
                what.add(type == DiffEntry.ChangeType.RENAME ? "renames files" : "changes file modes");
            } else {
                what.add(textChange(reader, entry));
            }
        }
        if (what.isEmpty()) {
            return "the fix changes no file";
        }
        List<String> parts = new ArrayList<>(what);
        String last = parts.remove(parts.size() - 1);
        return "the fix deletes or changes no code line of an existing file: it only "
            + (parts.isEmpty() ? last : String.join(", ", parts) + " and " + last);
    }

    /** What a change of a text file with nothing to blame does: blank lines, code far from code, or no code. */
    private static String textChange(ObjectReader reader, DiffEntry entry) throws IOException {
        RawText before = Texts.load(reader, entry.getOldId().toObjectId());
        RawText after = Texts.load(reader, entry.getNewId().toObjectId());
        EditList edits = edits(before, after);
        if (onlyBlankLines(before, after, edits)) {
            return "changes whitespace and blank lines";
        }
        // imports count as code here: a fix adding one is code, whatever blame makes of it
        String[] lines = Texts.lines(after);
        boolean[] code = SourceLines.forFile(entry.getNewPath(), lines).codeLines(lines, true);
        for (Edit edit : edits) {
            for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                if (code[i]) {
                    return "adds code with no code line within " + NEIGHBOUR_REACH + " lines of it";
                }
            }
        }
        // a changed line that is not blank is blamed, whatever it is: only additions are left
        return "adds comments or other lines that are no code, with no code line within " + NEIGHBOUR_REACH
            + " lines of them";
    }

    private static boolean onlyBlankLines(RawText before, RawText after, EditList edits) {
        for (Edit edit : edits) {
            for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                if (!before.getString(i).isBlank()) {
                    return false;
                }
            }
            for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                if (!after.getString(i).isBlank()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a side of that mode is a blob, with text: not a submodule's commit, which is not in this repository. */
    static boolean isBlob(FileMode mode) {
        return mode.getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB;
    }

    /** Which lines of a file a pass over the fix counts as code. */
    enum Reading {
        /** Code by the language's rules: no comments, blank lines, imports or documentation strings. */
        CODE,
        /** Code and imports: for a fix that changes no other code. */
        CODE_AND_IMPORTS,
        /** Every line that is not blank, changes of whitespace included: for a fix with nothing else to blame. */
        EVERY_LINE;

        boolean[] codeLines(SourceLines rules, String[] lines) {
            if (this != EVERY_LINE) {
                return rules.codeLines(lines, this == CODE_AND_IMPORTS);
            }
            boolean[] code = new boolean[lines.length];
            for (int i = 0; i < lines.length; i++) {
                code[i] = !lines[i].isBlank();
            }
            return code;
        }
    }

    /** The histogram diff of {@code before} and {@code after}, whitespace counted. */
    private static EditList exactEdits(RawText before, RawText after) {
        return DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, before, after);
    }

    /** The histogram diff of {@code before} and {@code after} with all whitespace ignored. */
    static EditList edits(RawText before, RawText after) {
        return DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(WhitespaceIgnoringComparator.of(before, after), before, after);
    }

    private static List<Target> targets(String path, SourceLines rules, RawText before, String[] lines,
                                        RawText after, boolean insertionContext, Set<String> identifiers,
                                        Reading reading) {
        boolean[] code = reading.codeLines(rules, lines);
        SourceLines.FunctionStarts functions = rules.functionStarts(lines);
        Map<Integer, Target> byLine = new LinkedHashMap<>();
        // C and most languages give identifiers from every changed line, comments too, as the model was fitted
        boolean codeOnly = identifiers != null && rules.readsBeyondComments();
        boolean[] codeAfter = codeOnly ? reading.codeLines(rules, Texts.lines(after)) : null;
        Set<String> keywords = rules.keywords();
        for (Edit edit : reading == Reading.EVERY_LINE ? exactEdits(before, after) : edits(before, after)) {
            if (identifiers != null) {
                for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                    if (!codeOnly || code[i]) {
                        Terms.identifiers(lines[i], identifiers, keywords);
                    }
                }
                for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                    if (!codeOnly || codeAfter[i]) {
                        Terms.identifiers(after.getString(i), identifiers, keywords);
                    }
                }
            }
            if (edit.getLengthA() > 0) {
                List<ChangedTokens> changedTokens = changedTokens(lines, after, edit);
                for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                    if (code[i]) {
                        byLine.put(i, new Target(path, i, Kind.CHANGED, 1.0, functionName(functions, lines, i), false,
                            changedTokens.get(i - edit.getBeginA())));
                    }
                }
                if (insertionContext) {
                    // The offender often wrote the code next to the lines a fix changes, not those lines.
                    addContext(path, rules, functions, lines, code, edit.getBeginA(), edit.getEndA(),
                        MODIFIED_CONTEXT_WEIGHT, byLine);
                }
            } else if (insertionContext) {
                addContext(path, rules, functions, lines, code, edit.getBeginA(), edit.getBeginA(), 1.0, byLine);
            }
        }
        return new ArrayList<>(byLine.values());
    }

    /**
     * For {@link TokenTrace}: per old line of the hunk, where the fix changes it: the tokens a token alignment of the
     * hunk's old and new lines leaves unmatched on the old side, and the gaps inside the line where new tokens come
     * between two matched ones. None for a hunk too large to align.
     */
    private static List<ChangedTokens> changedTokens(String[] lines, RawText after, Edit edit) {
        List<String> oldTokens = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        List<Integer> placeOf = new ArrayList<>();
        List<List<String>> lineTokens = new ArrayList<>();
        for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
            List<String> tokens = CosmeticHunks.tokens(lines[i]);
            lineTokens.add(tokens);
            for (int k = 0; k < tokens.size(); k++) {
                oldTokens.add(tokens.get(k));
                lineOf.add(i - edit.getBeginA());
                placeOf.add(k);
            }
        }
        List<String> newTokens = new ArrayList<>();
        for (int j = edit.getBeginB(); j < edit.getEndB(); j++) {
            newTokens.addAll(CosmeticHunks.tokens(after.getString(j)));
        }
        int[] match = ChangedTokens.align(oldTokens, newTokens, ChangedTokens.MAX_CELLS);
        List<List<Integer>> removed = new ArrayList<>();
        List<List<Integer>> gaps = new ArrayList<>();
        for (int i = 0; i < edit.getLengthA(); i++) {
            removed.add(new ArrayList<>());
            gaps.add(new ArrayList<>());
        }
        for (int k = 0; match != null && k < oldTokens.size(); k++) {
            int line = lineOf.get(k);
            if (match[k] < 0) {
                removed.get(line).add(placeOf.get(k));
            } else if (k + 1 < oldTokens.size() && lineOf.get(k + 1) == line && match[k + 1] > match[k] + 1) {
                gaps.get(line).add(placeOf.get(k));
            }
        }
        List<ChangedTokens> out = new ArrayList<>();
        for (int i = 0; i < edit.getLengthA(); i++) {
            out.add(new ChangedTokens(lineTokens.get(i), removed.get(i), gaps.get(i)));
        }
        return out;
    }

    /**
     * Adds the code lines around {@code [at, end)} of the parent: the nearest code line above and below, and
     * the enclosing function's lines near it, all weighted by {@code scale}.
     */
    private static void addContext(String path, SourceLines rules, SourceLines.FunctionStarts functions,
                                   String[] lines, boolean[] code, int at, int end, double scale,
                                   Map<Integer, Target> byLine) {
        String function = functionName(functions, lines, at - 1);
        int start = functions.of(at - 1);
        for (int i = at - 1; i >= 0 && i >= at - NEIGHBOUR_REACH; i--) {
            if (code[i]) {
                byLine.merge(i, new Target(path, i, Kind.NEIGHBOUR, scale * NEIGHBOUR_WEIGHT, function, scale < 1),
                    FixLines::stronger);
                break;
            }
        }
        for (int i = end; i < lines.length && i < end + NEIGHBOUR_REACH; i++) {
            if (code[i]) {
                byLine.merge(i, new Target(path, i, Kind.NEIGHBOUR, scale * NEIGHBOUR_WEIGHT, function, scale < 1),
                    FixLines::stronger);
                break;
            }
        }
        if (start < 0) {
            return;
        }
        int functionEnd = rules.functionEnd(lines, start, MAX_FUNCTION_LINES);
        if (at > functionEnd) {
            return;
        }
        List<Integer> body = new ArrayList<>();
        if (start != at - 1 && start < at - FUNCTION_REACH && start < functionEnd) {
            body.add(start);
        }
        for (int i = Math.max(start, at - FUNCTION_REACH); i < Math.min(functionEnd, end + FUNCTION_REACH); i++) {
            body.add(i);
        }
        body.removeIf(i -> !code[i] || byLine.containsKey(i));
        for (int i : body) {
            byLine.put(i, new Target(path, i, Kind.FUNCTION, scale * FUNCTION_WEIGHT / body.size(), function, true));
        }
    }

    /**
     * Of two targets on one line, the one that says more: a changed line over any context, then what blame is asked
     * about for its own sake (an insertion's neighbour) over context around a modified hunk, then the heavier. A
     * modified comment's surroundings, met first, must not hide the neighbours of code inserted beside it.
     */
    private static Target stronger(Target kept, Target added) {
        if (kept.kind() == Kind.CHANGED || kept.context() == added.context() && kept.weight() >= added.weight()
            || !kept.context() && added.context()) {
            return kept;
        }
        return added;
    }

    /**
     * The header of the function enclosing {@code line}, as the reasons name it; null for none, and for a top-level
     * assignment ({@code port=8080}, {@code CFLAGS := -O2}): git's rule takes it for one, but it names no function.
     */
    private static String functionName(SourceLines.FunctionStarts functions, String[] lines, int line) {
        int start = functions.of(line);
        return start < 0 || !functions.namesAFunction(lines[start]) || !functions.withinFunction(start, line) ? null
            : header(lines[start]);
    }

    private static String header(String line) {
        return shortened(line.strip());
    }

    /** {@code text} as a reason shows it: up to 60 characters, a longer one cut to 57 and "...". */
    static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Loads blobs as text; binary files read as {@code null}. */
    static final class Texts {
        private static final int MAX_BYTES = 8 << 20;

        private Texts() {
        }

        static RawText load(ObjectReader reader, ObjectId blob) throws IOException {
            boolean kept = reader instanceof CachedGraphReader;
            RawText known = kept ? KnownTexts.SHARED.text(blob) : null;
            if (known != null) {
                return known;
            }
            byte[] bytes = bytes(reader, blob);
            if (bytes == null) {
                return null;
            }
            RawText text = new RawText(bytes);
            if (kept) {
                KnownTexts.SHARED.keepText(blob, text);
            }
            return text;
        }

        /**
         * The bytes {@link #load} would make a text of, without mapping its lines; null where it gives null. What
         * a blob read through rca's cache reader turned out to be is kept ({@link KnownTexts}).
         */
        static byte[] bytes(ObjectReader reader, ObjectId blob) throws IOException {
            if (blob.equals(ObjectId.zeroId())) {
                return null;
            }
            boolean kept = reader instanceof CachedGraphReader;
            Boolean binary = null;
            if (kept) {
                RawText known = KnownTexts.SHARED.text(blob);
                if (known != null) {
                    return known.getRawContent();
                }
                binary = KnownTexts.SHARED.binary(blob);
                if (Boolean.TRUE.equals(binary)) {
                    return null;
                }
            }
            byte[] bytes;
            try {
                bytes = open(reader, blob).getCachedBytes(MAX_BYTES);
            } catch (org.eclipse.jgit.errors.LargeObjectException e) {
                return null;
            }
            if (binary == null) {
                binary = RawText.isBinary(bytes);
                if (kept && binary) {
                    KnownTexts.SHARED.keepBinary(blob);
                } else if (kept) {
                    KnownTexts.SHARED.keepIsText(blob);
                }
            }
            return binary ? null : bytes;
        }

        /**
         * Opens {@code blob} as a blob, which rca's cache reader keeps and recognises ({@code CachedGraphReader});
         * an id that names no blob (a gitlink's commit) is opened as it always was, failing the same way.
         */
        private static ObjectLoader open(ObjectReader reader, ObjectId blob) throws IOException {
            try {
                return reader.open(blob, Constants.OBJ_BLOB);
            } catch (org.eclipse.jgit.errors.MissingObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                return reader.open(blob);
            }
        }

        static String[] lines(RawText text) {
            String[] lines = new String[text.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = text.getString(i);
            }
            return lines;
        }
    }
}
