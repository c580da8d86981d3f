package dev.rca.history;

import dev.rca.RcaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * One commit a walk found. {@link #sha()} is free; {@link #details()} reads the commit's message and
 * identities on demand, so a listing of ids never loads a message. Valid only inside
 * {@link CommitSink#accept}.
 */
public final class LoggedCommit {
    private final RevCommit commit;
    private final RevWalk walk;

    LoggedCommit(RevCommit commit, RevWalk walk) {
        this.commit = commit;
        this.walk = walk;
    }

    /** The full commit id. */
    public String sha() {
        return commit.name();
    }

    /**
     * Writes the full commit id, 40 lowercase hex digits, into {@code into} from index 0: what {@link #sha()}
     * returns, without making a string (a walk listing 200,000 ids made some 60 MB of them and their copies).
     * {@code scratch}, at least 20 bytes, takes the id's raw bytes first: reading them one by one from the id
     * was a tenth of such a walk.
     */
    public void copyShaTo(char[] into, byte[] scratch) {
        commit.copyRawTo(scratch, 0);
        for (int i = 0; i < 20; i++) {
            int b = scratch[i] & 0xff;
            into[2 * i] = HEX[b >>> 4];
            into[2 * i + 1] = HEX[b & 0xf];
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The committer date in epoch seconds. */
    public long commitTime() {
        if (commit instanceof WalkCommit w && w.has(WalkCommit.PARSED)) {
            return w.time;
        }
        return Integer.toUnsignedLong(commit.getCommitTime());
    }

    /**
     * The commit, its headers parsed (a walk that took it from rca's commit table did not parse them), for the
     * history package's own diffs.
     */
    RevCommit revCommit() {
        try {
            walk.parseHeaders(commit);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
        return commit;
    }

    /**
     * The commit's tree, its first parent's (null for a root commit) and how many parents it has.
     *
     * @param parents the commit's parent count
     * @param tree the commit's tree
     * @param firstParentTree the first parent's tree, null when there is no parent
     */
    record Trees(int parents, ObjectId tree, ObjectId firstParentTree) {
        Trees {
            if (parents < 0 || tree == null || parents > 0 != (firstParentTree != null)) {
                throw new IllegalArgumentException("trees of a commit with " + parents + " parents: " + tree + ", "
                    + firstParentTree);
            }
        }
    }

    /**
     * The commit's trees, for the history package's own diffs: from rca's commit table when the walk took the
     * commit from there (parsing it into the walk would keep its parents, and theirs, alive), else parsed.
     */
    Trees trees() {
        if (commit instanceof WalkCommit w && walk instanceof WalkPool pool) {
            Trees fromTable = pool.treesFromTable(w);
            if (fromTable != null) {
                return fromTable;
            }
        }
        RevCommit parsed = revCommit();
        RevCommit parent = parsed.getParentCount() == 0 ? null : parsed.getParent(0);
        try {
            if (parent != null) {
                walk.parseHeaders(parent);
            }
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + parent.name() + ": " + e.getMessage(), e);
        }
        return new Trees(parsed.getParentCount(), parsed.getTree(), parent == null ? null : parent.getTree());
    }

    /** The commit's index in rca's commit table, or -1 when the walk parsed it from the object. */
    int tableIndex() {
        return commit instanceof WalkCommit w ? w.tableIndex : -1;
    }

    /** The walk that parsed the commit (its parents must be parsed through it). */
    RevWalk walk() {
        return walk;
    }

    /** Everything about the commit that rca prints; reads the commit's message. */
    public CommitDetails details() {
        byte[] raw = rawFromTable();
        if (raw != null) {
            return details(raw, ((WalkPool) walk).parentNamesFromTable((WalkCommit) commit));
        }
        boolean hadBody = readBody();
        try {
            List<String> parents = new ArrayList<>(commit.getParentCount());
            for (RevCommit p : commit.getParents()) {
                parents.add(p.name());
            }
            return details(commit.getRawBuffer(), parents);
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
    }

    /** What {@link RevCommit}'s accessors make of {@code raw}, decoded the same way. */
    private CommitDetails details(byte[] raw, List<String> parents) {
        int messageAt = RawParseUtils.commitMessage(raw, 0);
        String message = messageAt < 0 ? ""
            : RawParseUtils.decode(RawParseUtils.guessEncoding(raw), raw, messageAt, raw.length);
        String[] sb = CommitDetails.subjectAndBody(message);
        return new CommitDetails(commit.name(), parents, signature(ident(raw, RawParseUtils.author(raw, 0))),
            signature(ident(raw, RawParseUtils.committer(raw, 0))), sb[0], sb[1]);
    }

    private static PersonIdent ident(byte[] raw, int at) {
        return at < 0 ? null : RawParseUtils.parsePersonIdent(raw, at);
    }

    /** The commit's raw object from rca's commit table, when the walk took the commit from there; else null. */
    byte[] rawFromTable() {
        return commit instanceof WalkCommit w && walk instanceof WalkPool pool ? pool.rawFromTable(w) : null;
    }

    /**
     * Whether the commit's raw bytes hold {@code asciiLowercase} (ASCII letters in either case): true for every
     * commit whose decoded message contains it, without decoding, so a caller looking for a phrase reads the
     * {@link #details()} of few commits. Always true (cannot tell) when the commit's encoding does not write ASCII
     * as ASCII, or is unknown.
     */
    public boolean mayContain(String asciiLowercase) {
        byte[] fromTable = rawFromTable();
        if (fromTable != null) {
            return mayContain(fromTable, asciiLowercase);
        }
        boolean hadBody = readBody();
        try {
            return mayContain(commit.getRawBuffer(), asciiLowercase);
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
    }

    private static boolean mayContain(byte[] raw, String asciiLowercase) {
        return !writesAsciiAsAscii(raw, asciiLowercase)
            || containsIgnoringAsciiCase(raw, asciiLowercase.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the commit's encoding writes {@code text}, in either letter case, as its ASCII bytes. */
    private static boolean writesAsciiAsAscii(byte[] raw, String text) {
        if (RawParseUtils.parseEncodingName(raw) == null) {
            // no encoding header: UTF-8, which writes ASCII as ASCII
            return true;
        }
        String both = text + text.toUpperCase(Locale.ROOT);
        try {
            return Arrays.equals(both.getBytes(RawParseUtils.parseEncoding(raw)),
                both.getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    static boolean containsIgnoringAsciiCase(byte[] haystack, byte[] lowercaseNeedle) {
        int last = haystack.length - lowercaseNeedle.length;
        for (int i = 0; i <= last; i++) {
            int j = 0;
            while (j < lowercaseNeedle.length && lower(haystack[i + j]) == lowercaseNeedle[j]) {
                j++;
            }
            if (j == lowercaseNeedle.length) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Reads the commit's raw bytes; whether it held them already (else the caller disposes of them after). */
    private boolean readBody() {
        boolean hadBody = commit.getRawBuffer() != null;
        try {
            walk.parseBody(commit);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
        return hadBody;
    }

    static Signature signature(PersonIdent ident) {
        return new Signature(ident.getName(), ident.getEmailAddress(),
            OffsetDateTime.ofInstant(ident.getWhenAsInstant(), ident.getZoneId()));
    }
}
