package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitDetails;
import dev.rca.history.Pathspecs;
import dev.rca.ledger.BisectRecord;
import dev.rca.logs.LogLineReader;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A bisection of one repository, its state kept in a {@link BisectStore}: starting it, marking
 * verdicts, and asking where it stands. Every verdict is saved before the next choice is made, so
 * a bisection interrupted at any point resumes where it stopped.
 */
public final class Bisection {
    private final GitWorkspace workspace;
    private final BisectStore store;
    /** The state this bisection last read from or wrote to its store; {@link #save} checks it is still there. */
    private Optional<BisectState> seen;

    /**
     * Where a bisection stands.
     *
     * @param choice what comes next or how it ended; null for a flaky bisection without an answer (in progress, ended
     *     with no culprit: a flake, or ended undecided), {@link Midpoint.OnlySkipped} for one that ended among commits no
     *     run can tell apart
     * @param flakyEnd how a flaky bisection ended: its most probable answer (the bad commit where that is "the first bad
     *     commit does not touch the paths"), that answer's probability, and whether it reached the confidence asked;
     *     null while it runs, and for a deterministic bisection
     */
    public record Status(BisectState state, CandidateGraph graph, Midpoint.Choice choice, FlakyRun.Answer flakyEnd) {
        /** Where a deterministic bisection stands. */
        public Status(BisectState state, CandidateGraph graph, Midpoint.Choice choice) {
            this(state, graph, choice, null);
        }

        /** The commit to test next, or null when the bisection is over. */
        public String nextCommit() {
            return choice instanceof Midpoint.Next n ? n.commit() : null;
        }
    }

    /** The bisection of {@code workspace} whose state {@code store} keeps (the caller closes the workspace). */
    public Bisection(GitWorkspace workspace, BisectStore store) {
        this.workspace = workspace;
        this.store = store;
    }

    /** The store rca uses when no ticket is given: {@code <git dir>/rca/bisect.yaml}. */
    public static BisectStore defaultStore(GitWorkspace workspace) {
        return new YamlBisectStore(workspace.rcaDir().resolve(ActiveBisection.STATE));
    }

    /** The repository being bisected. */
    public GitWorkspace workspace() {
        return workspace;
    }

    /** Where the state is kept. */
    public BisectStore store() {
        return store;
    }

    /**
     * Starts a bisection (replacing any other) between {@code badRev} and {@code goodRevs}.
     *
     * A good commit need not be an ancestor of the bad one (a release branch with the fix backported, say): as in
     * git, the merge bases are tested first.
     *
     * @throws RcaException exit 3 for unknown revisions or a good commit that descends from the bad one
     */
    public Status start(String badRev, List<String> goodRevs, List<String> paths, boolean firstParent) {
        String bad = workspace.resolveCommit(badRev).name();
        List<String> goods = new ArrayList<>();
        Map<String, String> refs = new LinkedHashMap<>();
        named(refs, bad, badRev);
        // the ancestry checks parse the commits the walks below need, and hand them on (see CandidateWalk#anew)
        try (CandidateWalk commits = CandidateWalk.open(workspace, List.of(), false)) {
            for (String rev : goodRevs) {
                String good = workspace.resolveCommit(rev).name();
                if (good.equals(bad)) {
                    throw RcaException.badInput("'" + rev + "' is both good and bad");
                }
                // a good commit beside the bad one is git's case of a merge base to test first (see mergeBaseCheck);
                // one after it is a swap
                if (commits.isAncestor(bad, good)) {
                    throw notAncestor(good, bad,
                        "did you swap --good and --bad? give a good commit from the bad commit's history");
                }
                if (!goods.contains(good)) {
                    goods.add(good);
                    named(refs, good, rev);
                }
            }
            // kept as typed, as git keeps BISECT_NAMES; the walk reads them from the top (Pathspecs#fromTop)
            List<String> kept = paths.stream().map(path -> Pathspecs.forBisection(workspace, path)).toList();
            BisectState state = BisectState.start(goods, bad, kept, firstParent, refs);
            try (CandidateWalk walker = commits.anew(kept, firstParent)) {
                walker.checkAncestors(bad, goods);
                Status status = evaluate(state, walker);
                // a start replaces whatever is there
                store.save(status.state());
                seen = store.load();
                return status;
            }
        }
    }

    /**
     * Keeps the name {@code typed} for {@code sha}, unless it was the SHA or an abbreviation of it, or a name that will
     * name another commit later ({@link BoundName}).
     */
    private void named(Map<String, String> refs, String sha, String typed) {
        if (!sha.startsWith(typed.toLowerCase(java.util.Locale.ROOT)) && BoundName.lasts(workspace, typed)) {
            refs.put(sha, typed);
        }
    }

    /** The bisection in progress. @throws RcaException exit 3 when there is none */
    public BisectState state() {
        return existing().orElseThrow(() -> RcaException.badInput("no bisection in progress")
            .withHint("start one with 'rca bisect-helper start --bad=<rev> --good=<rev>'"));
    }

    /** The saved state, if any. */
    public Optional<BisectState> existing() {
        seen = store.load();
        return seen;
    }

    /**
     * Saves {@code state} over the one this bisection read (or last saved), and refuses when the store holds another
     * by now: a command that bypassed the bisection's lock ({@link BisectLock}), a hand edit, or a checkout that
     * brought another ledger changed it, and saving would undo that change.
     *
     * @throws RcaException exit 3, nothing saved, when the saved state is not the one read
     */
    public void save(BisectState state) {
        if (seen != null && !store.load().equals(seen)) {
            throw RcaException.badInput("the bisection changed since this command read it (another rca command, or"
                + " an edit of " + store.describe() + "); nothing more was recorded")
                .withHint("see 'rca bisect-helper status', then go on from there");
        }
        store.save(state);
        seen = store.load();
    }

    /** Where the bisection in progress stands. */
    public Status status() {
        BisectState state = state();
        try (CandidateWalk walker = walker(state)) {
            return evaluate(state, walker);
        }
    }

    /**
     * Where the bisection a ledger records ({@code bisect:}) stands, replayed from its steps as {@link #status} would
     * tell it, whether it is the one in progress or not; nothing is loaded or saved. Empty when it cannot be told: no
     * bounds, a section edited out of shape, or commits this repository does not have.
     */
    public static Optional<Status> replay(GitWorkspace workspace, BisectRecord record) {
        if (record.bad() == null || record.good().isEmpty()) {
            return Optional.empty();
        }
        BisectState state;
        try {
            state = YamlBisectStore.fromMap(record.toYaml());
        } catch (IllegalArgumentException | ClassCastException | NullPointerException editedOutOfShape) {
            // as LedgerBisectStore#load reads it; rca check reports the section
            return Optional.empty();
        }
        Bisection reading = new Bisection(workspace, null);
        try (CandidateWalk walker = reading.walker(state)) {
            return Optional.of(reading.evaluate(state, walker));
        } catch (RcaException notInThisRepository) {
            return Optional.empty();
        }
    }

    /** A walker for {@code state}'s paths and mode; one per process, as git keeps one object pool. */
    public CandidateWalk walker(BisectState state) {
        requireCommits(state);
        return CandidateWalk.open(workspace, state.paths(), state.firstParent());
    }

    /**
     * Refuses, in one line that names it, a bisection whose bad, good or chosen commit the repository no longer has,
     * instead of JGit's "Missing unknown" from the walk. rca keeps no refs to a bisection's commits (DESIGN.md: refs
     * are never touched; git's bisection keeps {@code refs/bisect/*}), so a gc after their branch was rewound or
     * rebased can prune them.
     */
    private void requireCommits(BisectState state) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(state.badInForce(), "bad");
        roles.putIfAbsent(state.bad(), "bad");
        state.allGood().forEach(good -> roles.putIfAbsent(good, "good"));
        if (state.next() != null) {
            roles.putIfAbsent(state.next(), "next");
        }
        try (ObjectReader reader = workspace.repository().newObjectReader()) {
            for (Map.Entry<String, String> commit : roles.entrySet()) {
                if (!reader.has(ObjectId.fromString(commit.getKey()))) {
                    throw RcaException.badInput("the bisection's " + commit.getValue() + " commit " + commit.getKey()
                        + " is gone from the repository " + CandidateWalk.PRUNED).withHint(CandidateWalk.PRUNED_HINT);
                }
            }
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    /**
     * Records a verdict marked by hand on {@code rev} (null: the commit to test next) and saves it.
     *
     * @throws RcaException exit 3 when the bisection is over or flaky, or the revision is unknown
     */
    public Status mark(String rev, Verdict verdict) {
        BisectState state = state();
        // two walkers, as before: where it stands, then the walk after the verdict; the second reads the commits
        // the first parsed instead of the pack
        try (CandidateWalk first = walker(state);
             CandidateWalk walker = first.anew(state.paths(), state.firstParent())) {
            Status before = evaluate(state, first);
            if (before.state().flaky()) {
                throw RcaException.badInput("this bisection is in flaky mode; continue it with 'rca bisect-helper run --flaky'")
                    .withHint("or start again with 'rca bisect-helper start'");
            }
            String commit;
            if (rev == null) {
                commit = before.nextCommit();
                if (commit == null) {
                    throw RcaException.badInput("the bisection is over; there is no current candidate")
                        .withHint("name a commit, or see 'rca bisect-helper status'");
                }
            } else {
                commit = workspace.resolveCommit(rev).name();
                refuseContradiction(before, rev, commit, verdict, first);
            }
            return record(before.state(), BisectStep.byHand(commit, verdict), walker);
        }
    }

    /**
     * Refuses, before anything is written, a verdict git would record and then stop on ("Some good revs are not
     * ancestors of the bad rev … Maybe you mistook good and bad revs?", or "was both good and bad"): a good commit
     * that is the bad one in force or descends from it, or a bad commit that is a good one or an ancestor of one,
     * except the merge base chosen for testing, whose bad verdict ends the bisection as git's "The merge base … is
     * bad". Nothing can be taken back, so a recorded contradiction would leave only a restart.
     */
    private static void refuseContradiction(Status before, String rev, String commit, Verdict verdict,
                                            CandidateWalk walker) {
        BisectState state = before.state();
        String bad = state.currentBad();
        String hint = "did you swap good and bad? nothing was recorded; a good commit must be in the bad commit's"
            + " history";
        if (verdict == Verdict.GOOD) {
            if (commit.equals(bad)) {
                throw RcaException.badInput("'" + rev + "' is both good and bad").withHint(hint);
            }
            if (walker.isAncestor(bad, commit)) {
                throw notAncestor(commit, bad, hint);
            }
        } else if (verdict == Verdict.BAD) {
            boolean mergeBaseToTest = before.choice() instanceof Midpoint.Next n && n.mergeBase()
                && n.commit().equals(commit);
            for (String good : state.allGood()) {
                if (commit.equals(good)) {
                    throw RcaException.badInput("'" + rev + "' is both good and bad").withHint(hint);
                }
                if (!mergeBaseToTest && walker.isAncestor(commit, good)) {
                    throw notAncestor(good, commit, hint);
                }
            }
        }
    }

    /** The refusal of a good commit that is not in the bad commit's history, {@code hint} saying what to do. */
    private static RcaException notAncestor(String good, String bad, String hint) {
        return RcaException.badInput("good commit " + good + " is not an ancestor of bad commit " + bad)
            .withHint(hint);
    }

    /** Saves {@code step} on top of {@code state} and returns where that leaves the bisection. */
    public Status record(BisectState state, BisectStep step, CandidateWalk walker) {
        walker.noteMarked(step.commit());
        Status after = evaluate(state.withStep(step), walker);
        save(after.state());
        return after;
    }

    /**
     * The choice git would make on {@code state}, with the answer filled in once there is one. The commit already
     * chosen ({@link BisectState#next()}) stays chosen until a verdict is given, as git keeps it checked out.
     */
    public Status evaluate(BisectState state, CandidateWalk walker) {
        if (state.flaky()) {
            CandidateGraph graph = CandidateWalk.walk(workspace, state.bad(), state.good(), state.paths(),
                state.firstParent());
            FlakyRun.Answer end = flakyEnd(state, graph);
            Midpoint.Choice choice = state.firstBad() != null ? new Midpoint.Found(state.firstBad())
                : end != null && !end.suspects().isEmpty() ? new Midpoint.OnlySkipped(end.suspects())
                : end != null && FlakyBisector.outsideThePaths(graph, state, end.culprit()) ? new Midpoint.NoTestable()
                : null;
            return new Status(state, graph, choice, end);
        }
        String bad = state.currentBad();
        Midpoint.Choice mergeBase = mergeBaseCheck(state, walker);
        CandidateGraph graph = walker.candidates(bad, state.allGood());
        Set<String> skipped = state.skipped();
        Midpoint.Choice choice = Midpoint.choose(graph, bad, skipped);
        if (mergeBase instanceof Midpoint.Next m) {
            choice = new Midpoint.Next(m.commit(), choice instanceof Midpoint.Next n ? n.all() : 0, 0, true);
        } else if (mergeBase != null) {
            choice = mergeBase;
        }
        String kept = state.next();
        boolean chosenAnew = choice instanceof Midpoint.Next n && (n.mergeBase() || n.commit().equals(kept));
        boolean checkEnded = mergeBase != null && !(mergeBase instanceof Midpoint.Next);
        if (kept != null && !chosenAnew && !checkEnded && !kept.equals(bad)
            && !skipped.contains(kept)) {
            // git keeps the chosen commit checked out and takes the next verdict (bisect run's first test) on it,
            // even where a walk in a new process, with another object pool and so another history simplification,
            // would choose otherwise or find nothing left to test
            choice = new Midpoint.Next(kept, choice instanceof Midpoint.Next n ? n.all() : graph.candidateCount(),
                choice instanceof Midpoint.Next n ? n.reaches() : 0);
        }
        if (choice instanceof Midpoint.Found f && !f.commit().equals(state.firstBad())) {
            state = state.withAnswer(f.commit(), null);
        }
        state = state.withNext(choice instanceof Midpoint.Next n ? n.commit() : null);
        return new Status(state, graph, choice);
    }

    /**
     * How a flaky bisection ended, or null while it runs. The state keeps a culprit, or only the probability of an
     * answer without one: a flake, the first bad commit outside the paths, one of several commits no run can tell apart
     * (the test skipped those between them), or, when undecided, any. The steps replayed with the test's noise model
     * tell which.
     *
     * <p>A state that says neither {@code undecided} nor the confidence asked (in {@code run:}) was written before rca
     * kept them, when an undecided end was saved as a decided one without a culprit. It is undecided where the steps
     * replay to a culprit (a decided one would be kept), or to an answer short of the default confidence.
     */
    private static FlakyRun.Answer flakyEnd(BisectState state, CandidateGraph graph) {
        if (state.confidence() == null) {
            return null;
        }
        if (state.firstBad() != null) {
            return new FlakyRun.Answer(state.firstBad(), state.confidence(), true, false);
        }
        String rate = state.test() == null ? null : state.test().flakeRate();
        FlakyBisector.Model model = rate == null ? FlakyBisector.Model.learned() : FlakyBisector.Model.parseRates(rate);
        FlakyBisector engine = FlakyBisector.replaying(graph, state, model);
        String leader = engine.leader();
        Double asked = state.test() == null ? null : state.test().confidence();
        boolean undecided = state.undecided() || (asked != null ? state.confidence() < asked
            : leader != null && !FlakyBisector.outsideThePaths(graph, state, leader)
                || state.confidence() < FlakyRun.DEFAULT_CONFIDENCE);
        if (undecided) {
            List<String> alike = BisectRunner.undecidedAmong(engine, state);
            boolean exhausted = engine.exhausted();
            return new FlakyRun.Answer(leader, alike.isEmpty() ? state.confidence() : engine.probabilityOfAny(alike),
                false, exhausted, alike,
                !exhausted && engine.runsCannotDecide(asked != null ? asked : FlakyRun.DEFAULT_CONFIDENCE));
        }
        List<String> suspects = asked == null ? List.of() : engine.undecidableAmong(asked);
        return new FlakyRun.Answer(leader, state.confidence(), true, false, suspects, false);
    }

    /**
     * git's {@code check_good_are_ancestors_of_bad}: while a good commit is not an ancestor of the bad one, each
     * merge base of the bad commit and the good ones that is neither good nor skipped is tested first, and one
     * found bad ends the bisection. git checks before every choice until the check passes, and then only after a
     * verdict on a commit other than the one it chose (that verdict removes {@code BISECT_ANCESTORS_OK}): a bad
     * commit that moves the bad one off its history, or a good one beside it, brings the merge bases back to test.
     * The steps are replayed here to find where it passed and where it was made again. A verdict on a commit in the
     * bad commit's history counts as one on the commit chosen (rca keeps no record of which was chosen); only a bad
     * one not chosen, with a good commit beside the bad one, would make git check again. Returns the merge base to
     * test ({@link Midpoint.Next}), {@link Midpoint.BadMergeBase}, {@link Midpoint.NoTestable} for a state that
     * recorded a contradiction {@link #mark} now refuses, or null once the check has passed.
     */
    private static Midpoint.Choice mergeBaseCheck(BisectState state, CandidateWalk walker) {
        BisectState replayed = BisectState.start(state.good(), state.bad(), state.paths(), state.firstParent(),
            state.refs());
        boolean checking = true;
        String toTest = null;
        for (int made = 0; ; made++) {
            if (checking) {
                String bad = replayed.currentBad();
                List<String> goods = replayed.allGood();
                String chosen = toTest;
                toTest = null;
                if (!goods.stream().allMatch(g -> walker.isAncestor(g, bad))) {
                    for (String base : walker.mergeBases(bad, goods)) {
                        if (base.equals(bad)) {
                            // git: "The merge base … is bad" after a verdict on the merge base it chose, else "Some
                            // good revs are not ancestors of the bad rev"
                            return bad.equals(chosen) ? new Midpoint.BadMergeBase(base, goods)
                                : new Midpoint.NoTestable();
                        }
                        if (!goods.contains(base) && !replayed.skipped().contains(base)) {
                            toTest = base;
                            break;
                        }
                    }
                }
                checking = toTest != null;
            }
            if (made == state.steps().size()) {
                return checking ? new Midpoint.Next(toTest, 0, 0, true) : null;
            }
            BisectStep step = state.steps().get(made);
            String badBefore = replayed.currentBad();
            replayed = replayed.withStep(step);
            checking = checking || !walker.isAncestor(step.commit(), badBefore);
        }
    }

    /**
     * The subject, author, date and changed files of {@code sha}, cleaned for a terminal ({@link LogLineReader#clean}):
     * they are printed as they are, and come from whoever made the commit.
     */
    public CommitSummary describe(String sha) {
        try (ObjectReader reader = workspace.repository().newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
            List<String> files = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.setRecursive(true);
                RevCommit parent = c.getParentCount() > 0 ? walk.parseCommit(c.getParent(0)) : null;
                if (parent == null) {
                    tw.addTree(new EmptyTreeIterator());
                } else {
                    CanonicalTreeParser p = new CanonicalTreeParser();
                    p.reset(reader, parent.getTree());
                    tw.addTree(p);
                }
                tw.addTree(c.getTree());
                tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
                for (DiffEntry e : DiffEntry.scan(tw)) {
                    switch (e.getChangeType()) {
                        case ADD -> files.add("A " + LogLineReader.clean(e.getNewPath()));
                        case DELETE -> files.add("D " + LogLineReader.clean(e.getOldPath()));
                        default -> files.add("M " + LogLineReader.clean(e.getNewPath()));
                    }
                }
            }
            var who = c.getAuthorIdent();
            String date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                who.getWhenAsInstant().atOffset(who.getZoneOffset()));
            return new CommitSummary(sha, subject(c), LogLineReader.clean(who.getName() + " <" + who.getEmailAddress() + ">"),
                date, files, c.getParentCount() > 0 ? c.getParent(0).name() : null);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + sha + ": " + e.getMessage(), e);
        }
    }

    /** The subject line of {@code sha}, cleaned for a terminal ({@link LogLineReader#clean}). */
    public String subject(String sha) {
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            return subject(walk.parseCommit(ObjectId.fromString(sha)));
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + sha + ": " + e.getMessage(), e);
        }
    }

    private static String subject(RevCommit commit) {
        return LogLineReader.clean(CommitDetails.subject(commit.getFullMessage()));
    }
}
