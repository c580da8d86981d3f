package dev.rca.suspects;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.history.Ancestry;
import dev.rca.history.CommitDetails;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Ranks the commits most likely to have introduced the bug a fix repairs, SZZ-style: blame the fix's
 * parent on the lines the fix deletes or modifies (and, for add-only hunks, on the lines around the
 * insertion and the enclosing function), look past meta-changes by re-blaming at their parent, then score
 * each candidate on its share of the blamed lines, recency and size. Explicit pointers in the fix's
 * message are strong evidence. It abstains rather than guess when no candidate is credible.
 *
 * <p>One finder may answer many fixes of the same repository; it caches what it learns of commits.
 */
public final class SuspectFinder implements AutoCloseable {
    /**
     * Below this probability the best candidate is not credible, and rca abstains. Of 0.05, 0.10 … 0.90, the
     * bar whose largest shortfall from the three targets (precision .70, recall .50, top-3 recall .65) is
     * smallest, pooled over the nine fitting repositories when each is scored by the model fitted on the other
     * eight (the README tells how the rule came to replace the one stated before fitting).
     */
    static final double MIN_SCORE = 0.35;
    /** R-SZZ drops commits touching more files than this; rca only discounts them. */
    static final int LARGE_FILES = 20;
    private static final int MAX_SKIPS = 6;
    /** What to do about objects the repository lacks. */
    static final String PARTIAL_CLONE_HINT = "in a partial clone git fetches missing objects for its own commands"
        + " only: 'git show <fix>' and 'git blame <fix>^ -- <file>' for each of the fix's files fetch what rca needs"
        + " (and 'git show <sha>' for a candidate named), or clone without --filter; elsewhere 'git fsck' says what"
        + " the object store lost";

    private final GitWorkspace workspace;
    private final Repository repository;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final ChangeClassifier classifier;
    private java.util.function.Consumer<String> featureLog;

    /** A finder over {@code workspace}'s repository; close it when done (the workspace stays open). */
    public SuspectFinder(GitWorkspace workspace) {
        this.workspace = workspace;
        this.repository = workspace.repository();
        this.reader = dev.rca.history.CommitGraphs.openReader(repository);
        this.walk = new RevWalk(reader);
        this.classifier = new ChangeClassifier(reader, walk, repository.getConfig(),
            ClassifiedCommits.of(repository));
    }

    /**
     * For the evaluation: receives one CSV line per ranked candidate, {@code fix,sha,<features>}, in the
     * order of {@link #featureNames()}.
     */
    public void logFeatures(java.util.function.Consumer<String> log) {
        this.featureLog = log;
    }

    /** The names of the features {@link #logFeatures} writes. */
    public static List<String> featureNames() {
        return SuspectModel.NAMES;
    }

    /**
     * Ranks the suspects for the fix named by {@code fixRevision}.
     *
     * @throws RcaException exit 3 when the revision does not name a commit
     */
    public SuspectReport find(String fixRevision, SuspectQuery query, Progress progress) {
        ObjectId id = workspace.resolveCommit(fixRevision);
        try {
            return rank(walk.parseCommit(id), query, progress);
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            // what a line or a candidate needs is left out where it is missing; this is what the whole answer needs
            throw RcaException.badInput("cannot read the fix's history: the repository lacks object "
                + e.getObjectId().abbreviate(12).name(), e).withHint(PARTIAL_CLONE_HINT);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read history around " + id.name() + ": " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    /**
     * The plain R-SZZ answer for comparison: candidates from blaming the fix's parent on its deleted and
     * modified code lines (no surroundings, no re-blame), merges and commits touching more than 20 files
     * dropped, most recent first. Empty when R-SZZ has no answer.
     *
     * @throws RcaException exit 3 when the repository lacks an object the answer needs
     */
    @SuppressWarnings("try") // the classifier reads through the blamer while the try's body runs
    public List<String> rszz(String fixRevision) {
        ObjectId id = workspace.resolveCommit(fixRevision);
        try {
            RevCommit fix = walk.parseCommit(id);
            if (fix.getParentCount() == 0) {
                return List.of();
            }
            RevCommit parent = walk.parseCommit(fix.getParent(0));
            Set<ObjectId> blamed = new LinkedHashSet<>();
            List<RevCommit> kept = new ArrayList<>();
            try (Blamer blamer = blamer(parent); ChangeClassifier.Reading reading = classifier.readThrough(blamer)) {
                for (var entry : FixLines.of(readerOf(blamer), repository.getConfig(), parent, fix, false, null)
                    .entrySet()) {
                    blamer.track(parent, entry.getKey(), lines(entry.getValue()));
                    for (int[] range : ranges(entry.getValue())) {
                        for (Blamer.Origin o : blamer.blame(parent, entry.getKey(), range[0], range[1])) {
                            if (o != null) {
                                blamed.add(o.commit());
                            }
                        }
                    }
                }
                for (ObjectId c : blamed) {
                    ChangeClassifier.Change change = classifier.change(c);
                    if (change.meta() != ChangeClassifier.Meta.MERGE && change.filesChanged() <= LARGE_FILES) {
                        kept.add(walk.parseCommit(c));
                    }
                }
                if (!blamer.missing().isEmpty()) {
                    // the published baseline has no partial answer
                    throw RcaException.badInput(blamer.missing().warning()).withHint(PARTIAL_CLONE_HINT);
                }
            }
            kept.sort(Comparator.comparingInt(RevCommit::getCommitTime).reversed().thenComparing(RevCommit::name));
            return kept.stream().map(RevCommit::name).toList();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read history around " + id.name() + ": " + e.getMessage(), e);
        }
    }

    /** What one candidate owns of the blamed lines. */
    private static final class Holding {
        double weight;
        double contextWeight;
        int changed;
        int neighbours;
        int functionLines;
        /** Its place among the newest commits to the fix's files ({@link RecentChanges}), or -1. */
        int recentRank = -1;
        /** How many earlier fixes to the fix's files name it in a {@code Fixes:} trailer. */
        int namedByEarlierFixes;
        final Set<String> functions = new LinkedHashSet<>();
        final Set<String> skipped = new LinkedHashSet<>();
        final Set<String> sharedIdentifiers = new java.util.TreeSet<>();
        final Set<String> sharedWords = new java.util.TreeSet<>();
        /** What {@link TokenTrace} found about it; null when nothing. */
        TokenTrace.Evidence tokens;

        double tracedWeight() {
            return tokens == null ? 0 : tokens.tracedWeight;
        }

        double passedWeight() {
            return tokens == null ? 0 : tokens.passedWeight;
        }

        boolean blamed() {
            return changed + neighbours + functionLines > 0;
        }
    }

    /** A blamer at {@code parent}, walking history through rca's cache where it has one. */
    private Blamer blamer(RevCommit parent) {
        return Blamer.at(workspace, parent);
    }

    /**
     * The reader to read the fix's own files with: the blamer's, through rca's cache where there is one, so that
     * the versions blame starts from are read out of the pack once and kept for the next query.
     */
    private ObjectReader readerOf(Blamer blamer) {
        ObjectReader cached = blamer.reader();
        return cached != null ? cached : reader;
    }

    @SuppressWarnings("try") // the classifier reads through the blamer while the try's body runs
    private SuspectReport rank(RevCommit fix, SuspectQuery query, Progress progress) throws IOException {
        List<Pointer> pointers = query.useTrailers() ? pointers(fix, query.notAfter()) : List.of();
        String subject = CommitDetails.subject(fix.getFullMessage());
        if (fix.getParentCount() == 0) {
            return withPointersOnly(fix, subject, 0, pointers, query, "the fix is a root commit: it has no parent to blame",
                notes(fix), List.of());
        }
        RevCommit parent = walk.parseCommit(fix.getParent(0));
        Set<ObjectId> cut = shallowBoundary();
        Set<ObjectId> cutReached = new LinkedHashSet<>();
        int beyondCut = 0;
        Set<String> fixIdentifiers = new java.util.HashSet<>();
        Map<ObjectId, Holding> holdings = new LinkedHashMap<>();
        double total = 0;
        int blamedLines = 0;
        List<FixLines.Target> blamedTargets = new ArrayList<>();
        List<Blamer.Origin> origins = new ArrayList<>();
        List<String> fixNotes = new ArrayList<>();
        Map<String, Integer> reachedByPath = new HashMap<>();
        int done = 0;
        try (Blamer blamer = blamer(parent); ChangeClassifier.Reading reading = classifier.readThrough(blamer)) {
            FixLines.Read read = FixLines.read(readerOf(blamer), repository.getConfig(), parent, fix, true,
                fixIdentifiers);
            Map<String, List<FixLines.Target>> targets = read.byPath();
            String unnamed = unnamed(fix, read.unnamed());
            if (read.reading() == FixLines.Reading.EVERY_LINE) {
                fixNotes.add("the fix changes no code line: the comment, documentation and whitespace lines it changes"
                    + " were blamed instead");
            }
            for (var entry : targets.entrySet()) {
                progress.update("blaming", done++, targets.size());
                Map<Integer, FixLines.Target> byLine = new HashMap<>();
                entry.getValue().forEach(t -> byLine.put(t.line(), t));
                List<FixLines.Target> primary = entry.getValue().stream().filter(t -> !t.context()).toList();
                List<FixLines.Target> context = entry.getValue().stream().filter(FixLines.Target::context).toList();
                if (!primary.isEmpty()) {
                    blamer.track(parent, entry.getKey(), lines(entry.getValue()));
                }
                List<int[]> ranges = new ArrayList<>();
                List<Blamer.Origin[]> blamed = new ArrayList<>();
                for (int[] range : ranges(primary)) {
                    ranges.add(range);
                    blamed.add(blamer.blame(parent, entry.getKey(), range[0], range[1]));
                }
                // Context costs no deeper walk than the lines git blame would be asked about.
                int reached = blamer.reached(parent, entry.getKey());
                reachedByPath.put(entry.getKey(), reached);
                for (int[] range : primary.isEmpty() ? List.<int[]>of() : ranges(context)) {
                    ranges.add(range);
                    blamed.add(blamer.blame(parent, entry.getKey(), range[0], range[1], reached));
                }
                for (int r = 0; r < ranges.size(); r++) {
                    int[] range = ranges.get(r);
                    Blamer.Origin[] found = blamed.get(r);
                    for (int i = 0; i < found.length; i++) {
                        FixLines.Target target = byLine.get(range[0] + i);
                        if (target != null && found[i] != null) {
                            blamedTargets.add(target);
                            origins.add(found[i]);
                        }
                    }
                }
            }
            List<Set<String>> skipped = lookPastMetaChanges(blamer, blamedTargets, origins);
            dropFunctionLinesPastReach(blamedTargets, origins, skipped, reachedByPath);
            for (int i = 0; i < blamedTargets.size(); i++) {
                FixLines.Target target = blamedTargets.get(i);
                if (cut.contains(origins.get(i).commit())) {
                    // blame stops at a commit whose parents are missing: it may have written the line or not
                    cutReached.add(origins.get(i).commit());
                    beyondCut++;
                    continue;
                }
                Holding h = holdings.computeIfAbsent(origins.get(i).commit(), k -> new Holding());
                h.weight += target.weight();
                total += target.weight();
                blamedLines++;
                switch (target.kind()) {
                    case CHANGED -> h.changed++;
                    case NEIGHBOUR -> h.neighbours++;
                    case FUNCTION -> h.functionLines++;
                }
                if (target.kind() != FixLines.Kind.CHANGED) {
                    h.contextWeight += target.weight();
                }
                if (target.function() != null) {
                    h.functions.add(target.function());
                }
                h.skipped.addAll(skipped.get(i));
            }
            traceTokens(blamer, blamedTargets, origins, cut, holdings);
            progress.update("blaming", targets.size(), targets.size());
            List<String> notes = new ArrayList<>(notes(fix));
            notes.addAll(fixNotes);
            if (holdings.isEmpty()) {
                String why = beyondCut > 0 ? "every blamed line reaches the shallow clone's cut at "
                    + abbreviated(cutReached) + ", whose parents are missing: blame cannot tell whether it wrote "
                    + (beyondCut == 1 ? "the line" : "the lines") + " or an older commit did; " + GitWorkspace.FETCH_MORE
                    // context alone is never blamed: a fix whose files have only context has nothing to blame
                    : unnamed != null && targets.isEmpty() ? unnamed
                    : targets.values().stream().flatMap(List::stream).allMatch(FixLines.Target::context)
                    ? FixLines.nothingToBlame(readerOf(blamer), repository.getConfig(), parent, fix)
                    : "blame attributed none of the fix's lines";
                SuspectReport report = withPointersOnly(fix, subject, blamedLines, pointers, query, why, notes,
                    warnings(blamer));
                if (report.abstained() && beyondCut == 0 && !blamer.missing().isEmpty()) {
                    // no answer for want of objects is no negative answer
                    throw RcaException.badInput("blame could attribute none of the fix's lines: the repository lacks "
                        + blamer.missing().named()).withHint(PARTIAL_CLONE_HINT);
                }
                return report;
            }
            if (unnamed != null) {
                notes.add(unnamed);
            }
            if (beyondCut > 0) {
                notes.add(beyondCut + " blamed line" + (beyondCut == 1 ? " reaches" : "s reach")
                    + " the shallow clone's cut at " + abbreviated(cutReached) + " and " + (beyondCut == 1 ? "is" : "are")
                    + " not counted: blame cannot tell whether that commit or an older one wrote "
                    + (beyondCut == 1 ? "it" : "them") + "; " + GitWorkspace.FETCH_MORE);
            }
            addRecentChanges(holdings, parent, targets.keySet(), query.notAfter(), cut, readerOf(blamer),
                blamer.missing());
            List<Suspect> ranked = score(fix, holdings, total, query, pointers, fixIdentifiers, blamer.missing());
            if (!blamer.missing().isEmpty()) {
                // A ranking read in part names commits the whole history would not: shares counted over the lines
                // left, a reformatting commit whose files are missing taken for a change. An explicit pointer
                // still answers; otherwise no answer rather than a confident wrong one.
                SuspectReport report = withPointersOnly(fix, subject, blamedLines, pointers, query,
                    "the ranking needs objects the repository lacks: " + blamer.missing().named(), notes,
                    warnings(blamer));
                if (report.abstained()) {
                    throw RcaException.badInput("cannot rank the fix's candidates: the repository lacks "
                        + blamer.missing().named()).withHint(PARTIAL_CLONE_HINT);
                }
                return report;
            }
            if (ranked.isEmpty()) {
                return withPointersOnly(fix, subject, blamedLines, pointers, query,
                    "every candidate was committed after the first symptom", notes, warnings(blamer));
            }
            if (ranked.get(0).score() < MIN_SCORE) {
                // a score just under the bar is cut, not rounded up to it ("scores 0.35, below 0.35")
                double shown = Math.round(ranked.get(0).score() * 100) / 100.0 < MIN_SCORE
                    ? ranked.get(0).score() : Math.floor(ranked.get(0).score() * 100) / 100.0;
                return withPointersOnly(fix, subject, blamedLines, pointers, query, String.format(Locale.ROOT,
                    "no credible suspect: the best candidate %s scores %.2f, below %.2f",
                    ranked.get(0).sha().substring(0, 12), shown, MIN_SCORE), notes, warnings(blamer));
            }
            // moves no score, so it is worked out only for an answer, and only for the suspects shown
            Map<ObjectId, CosmeticLookThrough.Evidence> rewraps = lookThroughRewraps(blamer, blamedTargets, origins, cut);
            List<Suspect> shown = ranked.subList(0, Math.min(query.top(), ranked.size())).stream()
                .map(s -> {
                    ObjectId id = ObjectId.fromString(s.sha());
                    Holding h = holdings.get(id);
                    return s.withReasonsAdded(lookThroughReasons(rewraps.get(id), h == null ? null : h.tokens));
                }).toList();
            return new SuspectReport(fix.name(), subject, blamedLines, shown, pointers, null, notes, warnings(blamer));
        }
    }

    /**
     * That blame could not read {@code paths}, the fix's files whose names are not UTF-8 ({@link FixLines#namedIn}),
     * and how git can; null when there are none.
     */
    private static String unnamed(RevCommit fix, List<String> paths) {
        if (paths.isEmpty()) {
            return null;
        }
        String first = "'" + paths.get(0) + "'";
        return "blame cannot read the fix's file" + (paths.size() == 1 ? " " + first + ": its name is"
            : "s " + first + " and " + (paths.size() - 1) + " more: their names are") + " not UTF-8, and rca looks"
            + " files up by their UTF-8 name ('git blame -w " + fix.abbreviate(12).name() + "^ -- <path>' reads "
            + (paths.size() == 1 ? "it" : "them") + ")";
    }

    /** What the answer could not read, said once. */
    private static List<String> warnings(Blamer blamer) {
        return blamer.missing().isEmpty() ? List.of() : List.of(blamer.missing().warning());
    }


    /**
     * Adds the newest commits to the fix's files as candidates, also those blame never reached, back to the
     * oldest commit blame found; with a first symptom, the newest before it. So are the commits that earlier
     * fixes to those files name in {@code Fixes:} trailers (never the fix's own message: it may be the answer
     * key).
     */
    private void addRecentChanges(Map<ObjectId, Holding> holdings, RevCommit parent, Set<String> paths,
                                  Instant notAfter, Set<ObjectId> cut, ObjectReader through, MissingObjects missing)
        throws IOException {
        long oldest = Long.MAX_VALUE;
        for (ObjectId id : holdings.keySet()) {
            oldest = Math.min(oldest, walk.parseCommit(id).getCommitTime());
        }
        RecentChanges.Found found = RecentChanges.before(workspace, parent.name(), paths, oldest,
            notAfter == null ? null : notAfter.getEpochSecond());
        int rank = 0;
        for (String sha : found.newest()) {
            ObjectId id = ObjectId.fromString(sha);
            if (!cut.contains(id) && isSuspectChange(id, missing)) {
                holdings.computeIfAbsent(id, k -> new Holding()).recentRank = rank++;
            }
        }
        Map<RevCommit, Integer> cited = new LinkedHashMap<>();
        for (String sha : found.citing()) {
            RevCommit earlier = walk.parseCommit(ObjectId.fromString(sha));
            for (MessagePointers.Written w : MessagePointers.find(earlier.getFullMessage())) {
                List<RevCommit> matches = w.kind() == Pointer.Kind.FIXES ? commitsNamed(w.sha()) : List.of();
                if (matches.size() == 1 && !matches.get(0).equals(earlier)) {
                    cited.merge(matches.get(0), 1, Integer::sum);
                }
            }
        }
        Set<ObjectId> ancestors = ancestorsAmong(cited.keySet(), parent, through);
        for (Map.Entry<RevCommit, Integer> e : cited.entrySet()) {
            if (ancestors.contains(e.getKey()) && !cut.contains(e.getKey()) && isSuspectChange(e.getKey(), missing)) {
                holdings.computeIfAbsent(e.getKey().copy(), k -> new Holding()).namedByEarlierFixes += e.getValue();
            }
        }
    }

    /**
     * Which of {@code targets} are ancestors of {@code start} (or {@code start} itself): one walk for them all,
     * stopping a month older than the oldest target (slack for skewed clocks). A test per target would walk the
     * history once for each; on a repository whose messages cite many earlier commits that cost more than the
     * rest of the answer.
     */
    private Set<ObjectId> ancestorsAmong(Set<RevCommit> targets, RevCommit start, ObjectReader through)
        throws IOException {
        if (targets.isEmpty()) {
            return Set.of();
        }
        long oldest = targets.stream().mapToLong(RevCommit::getCommitTime).min().getAsLong();
        return Ancestry.among(through, start, targets, oldest - 31L * 24 * 3600);
    }

    /**
     * Whether a commit found outside blame may be a suspect: meta-changes (format-only, rename-only, very
     * large) are what blame looks past, not suspects.
     */
    private boolean isSuspectChange(ObjectId id, MissingObjects missing) throws IOException {
        // optional evidence: a commit whose files this clone lacks is left out, not the whole answer
        return readable(id, missing) && classifier.change(id).meta() == ChangeClassifier.Meta.NONE;
    }

    /**
     * Whether the classifier can read what {@code candidate} changed (its kind and the identifiers it added, which the
     * model needs); if not, the candidate is left out and {@code missing} says why.
     */
    private boolean readable(ObjectId candidate, MissingObjects missing) throws IOException {
        try {
            classifier.change(candidate);
            classifier.addedIdentifiers(candidate);
            return true;
        } catch (org.eclipse.jgit.errors.MissingObjectException partialClone) {
            missing.add(partialClone, ChangeClassifier.changedBy(candidate));
            return false;
        }
    }

    /**
     * Follows blamed lines through merges, format-only, rename-only and very large commits, and through
     * commits that moved them: replaces each of {@code origins} by the origin found past them, and returns,
     * per line, what was looked past. Function context is many lines of little weight, not worth a look for
     * moved code each; but a meta-change that only touched them is looked past as for any line, or it would be a
     * candidate of its own. All lines take each hop together, so that the lines re-blamed at the same parent and
     * path share one walk.
     */
    private List<Set<String>> lookPastMetaChanges(Blamer blamer, List<FixLines.Target> targets,
                                                  List<Blamer.Origin> origins) throws IOException {
        List<Set<String>> skipped = new ArrayList<>();
        List<Integer> moving = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            skipped.add(new LinkedHashSet<>());
            moving.add(i);
        }
        for (int depth = 0; depth < MAX_SKIPS && !moving.isEmpty(); depth++) {
            Map<Integer, ChangeClassifier.LineInParent> before = new LinkedHashMap<>();
            Map<Integer, String> why = new HashMap<>();
            for (int i : moving) {
                Blamer.Origin current = origins.get(i);
                ChangeClassifier.Meta meta;
                ChangeClassifier.LineInParent b;
                try {
                    meta = classifier.change(current.commit()).meta();
                    boolean function = targets.get(i).kind() == FixLines.Kind.FUNCTION;
                    b = meta != ChangeClassifier.Meta.NONE
                        ? classifier.lineInParent(current.commit(), current.path(), current.line())
                        : function ? null : classifier.movedFrom(current.commit(), current.path(), current.line());
                } catch (org.eclipse.jgit.errors.MissingObjectException partialClone) {
                    // this line stays with the commit blame named; the others go on
                    blamer.missing().add(partialClone, current.path() + " in " + current.commit().abbreviate(12).name());
                    continue;
                }
                if (b != null) {
                    before.put(i, b);
                    why.put(i, meta == ChangeClassifier.Meta.NONE ? "code moved by" : meta.label);
                }
            }
            Blamer.Origin[] found = blamer.blameEach(new ArrayList<>(before.values()));
            List<Integer> next = new ArrayList<>();
            int at = 0;
            for (int i : before.keySet()) {
                Blamer.Origin earlier = found[at++];
                if (earlier != null) {
                    skipped.get(i).add(why.get(i) + " " + origins.get(i).commit().abbreviate(12).name());
                    origins.set(i, earlier);
                    next.add(i);
                }
            }
            moving = next;
        }
        return skipped;
    }

    /**
     * Leaves out the lines of the enclosing function that looking past a meta-change took further back than the
     * fix's changed lines of their file took blame ({@code reachedByPath}, commit times): the same bound as for
     * context blamed at the fix's parent, which would have found nothing there had the meta-change not been made.
     */
    private void dropFunctionLinesPastReach(List<FixLines.Target> targets, List<Blamer.Origin> origins,
                                            List<Set<String>> skipped, Map<String, Integer> reachedByPath)
        throws IOException {
        for (int i = targets.size() - 1; i >= 0; i--) {
            FixLines.Target target = targets.get(i);
            if (target.kind() == FixLines.Kind.FUNCTION && !skipped.get(i).isEmpty()
                && walk.parseCommit(origins.get(i).commit()).getCommitTime()
                < reachedByPath.getOrDefault(target.path(), Integer.MIN_VALUE)) {
                targets.remove(i);
                origins.remove(i);
                skipped.remove(i);
            }
        }
    }

    /**
     * Adds {@link TokenTrace}'s evidence to the candidates: the commits lines were traced to join them, those that
     * only passed lines through learn it where they are candidates already.
     */
    private void traceTokens(Blamer blamer, List<FixLines.Target> targets, List<Blamer.Origin> origins,
                             Set<ObjectId> cut, Map<ObjectId, Holding> holdings) throws IOException {
        Map<ObjectId, TokenTrace.Evidence> found = TokenTrace.find(classifier, blamer,
            (t, o) -> lookPastMetaChanges(blamer, t, o), targets, origins, cut);
        for (var e : found.entrySet()) {
            Holding h = e.getValue().tracedLines > 0 ? holdings.computeIfAbsent(e.getKey(), k -> new Holding())
                : holdings.get(e.getKey());
            if (h != null) {
                h.tokens = e.getValue();
            }
        }
    }

    /**
     * {@link CosmeticLookThrough}'s evidence for the reasons; none where a partial clone lacks an object it needs (it
     * is only for the reader).
     */
    private Map<ObjectId, CosmeticLookThrough.Evidence> lookThroughRewraps(Blamer blamer, List<FixLines.Target> targets,
                                                                           List<Blamer.Origin> origins,
                                                                           Set<ObjectId> cut) throws IOException {
        try {
            return CosmeticLookThrough.find(classifier, blamer, walk, (t, o) -> lookPastMetaChanges(blamer, t, o),
                targets, origins, cut);
        } catch (org.eclipse.jgit.errors.MissingObjectException partialClone) {
            blamer.missing().add(partialClone, "looking for re-wrapped lines");
            return Map.of();
        }
    }

    private List<Suspect> score(RevCommit fix, Map<ObjectId, Holding> holdings, double total, SuspectQuery query,
                                List<Pointer> pointers, Set<String> fixIdentifiers, MissingObjects missing)
        throws IOException {
        List<RevCommit> candidates = new ArrayList<>();
        int excludedBySymptom = 0;
        for (ObjectId id : holdings.keySet()) {
            RevCommit c = walk.parseCommit(id);
            if (query.notAfter() != null && commitInstant(c).isAfter(query.notAfter())) {
                excludedBySymptom++;
                continue;
            }
            if (readable(c, missing)) {
                candidates.add(c);
            }
        }
        Set<String> trusted = new LinkedHashSet<>();
        for (Pointer p : pointers) {
            if (p.trusted()) {
                trusted.add(p.sha());
            }
        }
        candidates.sort(Comparator.comparingInt(RevCommit::getCommitTime).reversed().thenComparing(RevCommit::name));
        // Recency ranks count blamed candidates only; a recent change blame never reached has none.
        int[] ranks = new int[candidates.size()];
        int blamedCount = 0;
        for (int i = 0; i < candidates.size(); i++) {
            ranks[i] = holdings.get(candidates.get(i)).blamed() ? blamedCount++ : -1;
        }
        List<SuspectModel.Features> features = features(fix, candidates, ranks, blamedCount, holdings, total,
            fixIdentifiers);
        List<Suspect> suspects = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            RevCommit c = candidates.get(i);
            Holding h = holdings.get(c);
            ChangeClassifier.Change change = classifier.change(c);
            double share = total == 0 ? 0 : Math.min(1, h.weight / total);
            double s = SuspectModel.probability(features.get(i));
            if (featureLog != null) {
                StringBuilder line = new StringBuilder(fix.name()).append(',').append(c.name());
                for (double v : features.get(i).vector()) {
                    line.append(',').append(String.format(Locale.ROOT, "%.5f", v));
                }
                featureLog.accept(line.toString());
            }
            Pointer pointer = null;
            for (Pointer p : pointers) {
                if (p.trusted() && p.sha().equals(c.name())) {
                    pointer = p;
                }
            }
            if (pointer == null && !trusted.isEmpty()) {
                s *= 0.5;
            }
            List<String> reasons = new ArrayList<>();
            if (pointer != null) {
                s = 0.9 + 0.1 * s;
                reasons.add("named by '" + pointer.kind().phrase() + "' in the fix's message");
            }
            reasons.addAll(reasons(fix, c, h, share, ranks[i], blamedCount, change, query.notAfter()));
            suspects.add(new Suspect(c.name(), CommitDetails.subject(c.getFullMessage()), c.getAuthorIdent().getName(),
                commitInstant(c), authored(c), round(s),
                h.changed + h.neighbours + h.functionLines, round(share), change.filesChanged(), pointer, reasons));
        }
        addPointedButNotBlamed(suspects, pointers);
        suspects.sort(Comparator.comparingDouble(Suspect::score).reversed()
            .thenComparing(Comparator.comparing(Suspect::committed).reversed()).thenComparing(Suspect::sha));
        return excludedBySymptom > 0 && suspects.isEmpty() ? List.of() : suspects;
    }

    private List<SuspectModel.Features> features(RevCommit fix, List<RevCommit> candidates, int[] ranks,
                                                 int blamedCount, Map<ObjectId, Holding> holdings, double total,
                                                 Set<String> fixIdentifiers) throws IOException {
        Set<String> messageWords = Terms.fixMessageWords(fix.getFullMessage());
        int changedTotal = 0;
        double contextTotal = 0;
        double maxWeight = 0;
        for (Holding h : holdings.values()) {
            changedTotal += h.changed;
            contextTotal += h.contextWeight;
            maxWeight = Math.max(maxWeight, h.weight);
        }
        double[] idCoverage = new double[candidates.size()];
        double[] msgCoverage = new double[candidates.size()];
        double maxId = 0;
        double maxMsg = 0;
        for (int i = 0; i < candidates.size(); i++) {
            RevCommit c = candidates.get(i);
            Holding h = holdings.get(c);
            Set<String> added = classifier.addedIdentifiers(c);
            idCoverage[i] = Terms.coverage(fixIdentifiers, added);
            Set<String> written = new java.util.HashSet<>(Terms.messageWords(c.getFullMessage()));
            written.addAll(added);
            msgCoverage[i] = Terms.coverage(messageWords, written);
            fixIdentifiers.stream().filter(added::contains).forEach(h.sharedIdentifiers::add);
            messageWords.stream().filter(written::contains).forEach(h.sharedWords::add);
            maxId = Math.max(maxId, idCoverage[i]);
            maxMsg = Math.max(maxMsg, msgCoverage[i]);
        }
        List<SuspectModel.Features> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            RevCommit c = candidates.get(i);
            Holding h = holdings.get(c);
            out.add(new SuspectModel.Features(total == 0 ? 0 : Math.min(1, h.weight / total),
                changedTotal == 0 ? 0 : (double) h.changed / changedTotal,
                contextTotal == 0 ? 0 : h.contextWeight / contextTotal, ranks[i], classifier.change(c).filesChanged(),
                idCoverage[i], maxId == 0 ? 0 : idCoverage[i] / maxId, msgCoverage[i],
                maxMsg == 0 ? 0 : msgCoverage[i] / maxMsg, changedTotal == 0,
                (fix.getCommitTime() - c.getCommitTime()) / 86400.0, h.blamed() && h.weight >= maxWeight,
                blamedCount, h.recentRank, h.namedByEarlierFixes,
                total == 0 ? 0 : Math.min(1, h.tracedWeight() / total),
                total == 0 ? 0 : Math.min(1, h.passedWeight() / total)));
        }
        return out;
    }

    private void addPointedButNotBlamed(List<Suspect> suspects, List<Pointer> pointers)
        throws IOException {
        for (Pointer p : pointers) {
            if (!p.trusted() || suspects.stream().anyMatch(s -> s.sha().equals(p.sha()))) {
                continue;
            }
            RevCommit c = walk.parseCommit(ObjectId.fromString(p.sha()));
            ChangeClassifier.Change change = classifier.change(c);
            suspects.add(new Suspect(c.name(), CommitDetails.subject(c.getFullMessage()), c.getAuthorIdent().getName(),
                commitInstant(c), authored(c), 0.9, 0, 0, change.filesChanged(), p,
                List.of("named by '" + p.kind().phrase() + "' in the fix's message", "owns none of the blamed lines")));
        }
    }

    private static List<String> reasons(RevCommit fix, RevCommit c, Holding h, double share, int rank, int count,
                                        ChangeClassifier.Change change, Instant notAfter) {
        List<String> reasons = new ArrayList<>();
        if (h.changed > 0) {
            reasons.add(String.format(Locale.ROOT, "owns %d deleted or modified line%s (%.0f%% of the blamed weight)",
                h.changed, h.changed == 1 ? "" : "s", share * 100));
        } else if (!h.blamed()) {
            reasons.add("owns none of the blamed lines");
        } else {
            reasons.add(String.format(Locale.ROOT, "owns %.0f%% of the blamed weight", share * 100));
        }
        if (h.neighbours > 0) {
            reasons.add("owns " + h.neighbours + " line" + (h.neighbours == 1 ? "" : "s") + " next to the fix's hunks");
        }
        if (!h.functions.isEmpty()) {
            String fn = h.functions.iterator().next();
            String wrote = "wrote " + h.functionLines + (h.functionLines == 1 ? " line of" : " lines of");
            reasons.add((h.functionLines > 0 ? wrote : "touched")
                + " the same function: " + fn + (h.functions.size() > 1 ? " (and " + (h.functions.size() - 1)
                + " more)" : ""));
        }
        if (!h.sharedIdentifiers.isEmpty()) {
            reasons.add("its added lines share identifiers with the fix: " + listed(h.sharedIdentifiers));
        }
        if (!h.sharedWords.isEmpty()) {
            reasons.add("it shares words with the fix's message: " + listed(h.sharedWords));
        }
        if (h.recentRank >= 0) {
            reasons.add((h.recentRank == 0 ? "the newest" : "the " + ordinal(h.recentRank + 1) + " newest")
                + " commit to change the fix's files before " + (notAfter == null ? "it" : "the first symptom"));
        }
        if (h.namedByEarlierFixes > 0) {
            reasons.add("named by 'Fixes:' in " + (h.namedByEarlierFixes == 1 ? "an earlier fix"
                : h.namedByEarlierFixes + " earlier fixes") + " to the fix's files");
        }
        if (rank >= 0) {
            reasons.add(rank == 0 ? "most recent of " + count + " blamed candidate" + (count == 1 ? "" : "s")
                : ordinal(rank + 1) + " most recent of " + count + " blamed candidates");
        }
        reasons.add(change.filesChanged() + " file" + (change.filesChanged() == 1 ? "" : "s") + " changed"
            + (change.filesChanged() > LARGE_FILES ? " (large: discounted)" : ""));
        // the dates the table shows and git log shows, where a rebase or cherry-pick makes the commit dates differ
        Instant written = authored(c).toInstant();
        Instant fixWritten = authored(fix).toInstant();
        reasons.add(written.isAfter(fixWritten)
            ? "authored " + span(fixWritten, written) + " after the fix (which was rebased or cherry-picked onto it)"
            : span(written, fixWritten) + " before the fix");
        if (notAfter != null) {
            // when the code entered the branch, which is what the cut by symptom reads; said, since the reason
            // before counts author dates and a rebased suspect would otherwise seem to move in time
            reasons.add("committed " + span(commitInstant(c), notAfter) + " before the first symptom");
        }
        for (String s : h.skipped) {
            reasons.add("blame looked past " + s);
        }
        return reasons;
    }

    /**
     * What {@link CosmeticLookThrough} and {@link TokenTrace} found about a candidate, in words; a re-wrap, the more
     * particular finding, stands in for the trace's same finding.
     */
    private static List<String> lookThroughReasons(CosmeticLookThrough.Evidence rewrap, TokenTrace.Evidence tokens) {
        List<String> reasons = new ArrayList<>(rewrapReasons(rewrap));
        if (tokens != null && tokens.tracedLines > 0 && (rewrap == null || rewrap.rewrappedBy.isEmpty())) {
            ObjectId first = tokens.passedBy.iterator().next();
            int others = tokens.passedBy.size() - 1;
            reasons.add("wrote the tokens the fix changes in " + tokens.tracedLines + " of the deleted or modified"
                + " lines; " + first.abbreviate(12).name() + (others == 0 ? "" : " and " + others + " more commit"
                + (others == 1 ? "" : "s")) + " changed " + (tokens.tracedLines == 1 ? "it" : "them")
                + " later without bringing them");
        }
        if (tokens != null && tokens.passedLines > 0 && (rewrap == null || rewrap.rewrapped == 0)) {
            ObjectId first = tokens.writers.keySet().iterator().next();
            int others = tokens.writers.size() - 1;
            reasons.add("did not bring the tokens the fix changes in " + tokens.passedLines + " of the deleted or"
                + " modified lines it changed; blame at its parent names " + first.abbreviate(12).name()
                + (others == 0 ? "" : " (and " + others + " more)") + " for " + (tokens.passedLines == 1 ? "it" : "them"));
        }
        return reasons;
    }

    /** What {@link CosmeticLookThrough} found about a candidate, in words; none when it found nothing. */
    private static List<String> rewrapReasons(CosmeticLookThrough.Evidence found) {
        if (found == null) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        if (found.rewrapped > 0) {
            String rewrapped = "only re-wrapped " + found.rewrapped + " of the deleted or modified lines it owns";
            if (!found.writers.isEmpty()) {
                String more = found.writers.size() == 1 ? "" : " (and " + (found.writers.size() - 1) + " more)";
                rewrapped += "; blame at its parent names " + found.writers.get(0).abbreviate(12).name() + more
                    + " for " + (found.rewrapped == 1 ? "it" : "them");
            }
            reasons.add(rewrapped);
        }
        if (!found.rewrappedBy.isEmpty()) {
            int lines = found.wroteRewrapped();
            String rewrapper = found.rewrappedBy.keySet().iterator().next().abbreviate(12).name();
            int others = found.rewrappedBy.size() - 1;
            reasons.add("wrote what " + rewrapper + (others == 0 ? "" : " and " + others + " more commit"
                + (others == 1 ? "" : "s")) + " only re-wrapped in " + lines + " of the deleted or modified line"
                + (lines == 1 ? "" : "s"));
        }
        return reasons;
    }

    private static String listed(Set<String> words) {
        // a minified or generated line may make one "identifier" of thousands of characters
        List<String> shown = words.stream().limit(4).map(FixLines::shortened).toList();
        return String.join(", ", shown) + (words.size() > shown.size() ? " (and " + (words.size() - shown.size())
            + " more)" : "");
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    private static String span(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            return "0 days";
        }
        long days = d.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = d.toHours();
        if (hours >= 1) {
            return hours + " hour" + (hours == 1 ? "" : "s");
        }
        long minutes = d.toMinutes();
        return minutes + " minute" + (minutes == 1 ? "" : "s");
    }

    private static double round(double v) {
        return Math.max(0, Math.min(1, Math.round(v * 1000) / 1000.0));
    }

    private static java.time.OffsetDateTime authored(RevCommit c) {
        return c.getAuthorIdent().getWhenAsInstant().atOffset(c.getAuthorIdent().getZoneOffset());
    }

    private static Instant commitInstant(RevCommit c) {
        return Instant.ofEpochSecond(c.getCommitTime());
    }

    private SuspectReport withPointersOnly(RevCommit fix, String subject, int blamedLines, List<Pointer> pointers,
                                           SuspectQuery query, String why, List<String> notes,
                                           List<String> warnings) throws IOException {
        List<Suspect> suspects = new ArrayList<>();
        addPointedButNotBlamed(suspects, pointers);
        if (suspects.isEmpty()) {
            return new SuspectReport(fix.name(), subject, blamedLines, List.of(), pointers, why, notes, warnings);
        }
        return new SuspectReport(fix.name(), subject, blamedLines,
            suspects.subList(0, Math.min(query.top(), suspects.size())), pointers, null, notes, warnings);
    }

    /**
     * The commits where this shallow clone's history is cut, whose parents are missing; empty in a complete
     * repository. Blame takes such a commit for one that added every line it still had.
     */
    private Set<ObjectId> shallowBoundary() {
        Set<ObjectId> cut = new HashSet<>();
        workspace.shallowBoundary().forEach(sha -> cut.add(ObjectId.fromString(sha)));
        return cut;
    }

    private static String abbreviated(Set<ObjectId> commits) {
        String first = commits.iterator().next().abbreviate(12).name();
        return commits.size() == 1 ? first : first + " and " + (commits.size() - 1) + " more";
    }

    /**
     * A merge's own change is what it brings in from its other parents, every commit of the merged branch at once;
     * the reader should know the answer ranks suspects for all of them together.
     */
    private static List<String> notes(RevCommit fix) {
        if (fix.getParentCount() < 2) {
            return List.of();
        }
        String sha = fix.name().substring(0, 12);
        return List.of(sha + " is a merge: it is compared with its first parent, so every commit it brings in counts "
            + "as the fix; name the fix commit itself for a sharper answer (git log --oneline " + sha + "^1.." + sha
            + ")");
    }

    /**
     * Resolves the explicit pointers in the fix's message; unknown SHAs are reported, untrusted, and so is a commit
     * made after {@code notAfter} (the first symptom, when known), which cannot have caused it.
     */
    private List<Pointer> pointers(RevCommit fix, Instant notAfter) throws IOException {
        List<Pointer> out = new ArrayList<>();
        for (MessagePointers.Written w : MessagePointers.find(fix.getFullMessage())) {
            List<RevCommit> commits = commitsNamed(w.sha());
            if (commits.isEmpty()) {
                String cut = workspace.shallowCut();
                String other = otherObjectNamed(w.sha());
                out.add(new Pointer(w.kind(), w.sha(), null, false, other != null ? "names a " + other + ", not a commit"
                    : cut == null ? "unknown commit" : "not in this shallow clone (history is cut at " + cut + ")"));
            } else if (commits.size() > 1) {
                out.add(new Pointer(w.kind(), w.sha(), null, false, "ambiguous: " + commits.size() + " commits"));
            } else {
                RevCommit c = commits.get(0);
                boolean ancestor = !c.equals(fix) && isAncestor(c, fix);
                boolean late = notAfter != null && commitInstant(c).isAfter(notAfter);
                out.add(new Pointer(w.kind(), w.sha(), c.name(), ancestor && !late, !ancestor ? "not an ancestor of the fix"
                    : late ? "committed " + commitInstant(c) + ", after the first symptom (" + notAfter + ")" : null));
            }
        }
        return out;
    }

    /** The commits an abbreviated SHA written in a message may mean (blobs and trees sharing it are none). */
    private List<RevCommit> commitsNamed(String abbreviated) throws IOException {
        List<RevCommit> commits = new ArrayList<>();
        for (ObjectId m : reader.resolve(AbbreviatedObjectId.fromString(abbreviated))) {
            try {
                commits.add(walk.parseCommit(m));
            } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
                // a blob or tree sharing the prefix is no pointer
            }
        }
        return commits;
    }

    /** The kind of object ("tree", "blob", "tag") an abbreviated SHA that names no commit names, or null for none. */
    private String otherObjectNamed(String abbreviated) throws IOException {
        java.util.Collection<ObjectId> named = reader.resolve(AbbreviatedObjectId.fromString(abbreviated));
        return named.isEmpty() ? null
            : org.eclipse.jgit.lib.Constants.typeString(reader.open(named.iterator().next()).getType());
    }

    private boolean isAncestor(RevCommit candidate, RevCommit fix) throws IOException {
        try (RevWalk rw = new RevWalk(reader)) {
            return rw.isMergedInto(rw.parseCommit(candidate), rw.parseCommit(fix));
        }
    }

    /** The targets' line numbers. */
    private static java.util.BitSet lines(List<FixLines.Target> targets) {
        java.util.BitSet lines = new java.util.BitSet();
        targets.forEach(t -> lines.set(t.line()));
        return lines;
    }

    /** Contiguous [start, end) runs of the targets' line numbers. */
    private static List<int[]> ranges(List<FixLines.Target> targets) {
        int[] lines = targets.stream().mapToInt(FixLines.Target::line).sorted().distinct().toArray();
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            int j = i;
            while (j + 1 < lines.length && lines[j + 1] == lines[j] + 1) {
                j++;
            }
            out.add(new int[] {lines[i], lines[j] + 1});
            i = j + 1;
        }
        return out;
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
    }
}
