package dev.rca.suspects;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Blobs' texts as {@link FixLines.Texts} made them, kept for the whole process, least recently used first out: a
 * blob's id names its bytes, so whether it is binary and where its lines start are the same in every later query
 * and every repository. A first query classifies each candidate by diffing its files against its parent, and one
 * version of a file is the new side of one candidate and the old side of the next: each of those loads scanned
 * the blob for binary bytes and mapped its lines again. Only texts read through rca's cache reader are kept, whose
 * bytes the process keeps too. Kept within {@link #BUDGET} of estimated bytes ({@link BudgetedMemory}); safe for the
 * daemon's threads.
 */
final class KnownTexts {
    /** 16 MiB, or a sixty-fourth of the heap. */
    static final long BUDGET = Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 64);

    /** The memory every loader of this process shares. */
    static final KnownTexts SHARED = new KnownTexts(BUDGET);

    /** What is known of one blob: a binary one, a text not yet mapped into lines, or its text. */
    private static final Object BINARY = new Object();
    private static final Object TEXT = new Object();
    /** What an entry costs beyond its text: its id, the map's node, a line map's header. */
    private static final long ENTRY_BYTES = 96;

    private final BudgetedMemory<ObjectId, Object> known;

    KnownTexts(long budget) {
        this.known = new BudgetedMemory<>(budget, KnownTexts::cost);
    }

    /** The text kept for blob {@code id}, or null. */
    RawText text(AnyObjectId id) {
        return known.get(id) instanceof RawText text ? text : null;
    }

    /** True when blob {@code id} is known to be binary, false when known to be text, null when not known. */
    Boolean binary(AnyObjectId id) {
        Object what = known.get(id);
        return what == null ? null : what == BINARY;
    }

    /** Keeps that blob {@code id} is binary. */
    void keepBinary(AnyObjectId id) {
        keep(id, BINARY);
    }

    /** Keeps that blob {@code id} is text, unless its text is kept already. */
    void keepIsText(AnyObjectId id) {
        keep(id, TEXT);
    }

    /** Keeps the text of blob {@code id}. */
    void keepText(AnyObjectId id, RawText text) {
        keep(id, text);
    }

    /** Keeps {@code what} for blob {@code id}, unless it is larger than an eighth of the budget or says less. */
    private synchronized void keep(AnyObjectId id, Object what) {
        if (cost(what) > known.budget() / 8) {
            return;
        }
        Object before = known.get(id);
        if (!(before instanceof RawText) && before != what) {
            known.put(id.copy(), what);
        }
    }

    private static long cost(Object what) {
        return ENTRY_BYTES + (what instanceof RawText text ? text.getRawContent().length + 4L * (text.size() + 2) : 0);
    }
}
