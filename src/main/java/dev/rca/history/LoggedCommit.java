package dev.rca.history;

import dev.rca.RcaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        boolean hadBody = readBody();
        try {
            String[] sb = CommitDetails.subjectAndBody(commit.getFullMessage());
            List<String> parents = new ArrayList<>(commit.getParentCount());
            for (RevCommit p : commit.getParents()) {
                parents.add(p.name());
            }
            return new CommitDetails(commit.name(), parents, signature(commit.getAuthorIdent()),
                signature(commit.getCommitterIdent()), sb[0], sb[1]);
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
    }

    /**
     * Whether the commit's raw bytes hold {@code asciiLowercase} (ASCII letters in either case): true for every
     * commit whose decoded message contains it, without decoding, so a caller looking for a phrase reads the
     * {@link #details()} of few commits. Always true (cannot tell) when the commit's encoding does not write ASCII
     * as ASCII, or is unknown.
     */
    public boolean mayContain(String asciiLowercase) {
        boolean hadBody = readBody();
        try {
            byte[] raw = commit.getRawBuffer();
            return !writesAsciiAsAscii(raw, asciiLowercase)
                || containsIgnoringAsciiCase(raw, asciiLowercase.getBytes(StandardCharsets.US_ASCII));
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
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
