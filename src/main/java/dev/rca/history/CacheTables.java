package dev.rca.history;

/**
 * rca's cache tables for one walk: the commit table (parents, dates, trees and raw commits by index) and the
 * changed-path table over it. Either may be null: no cache, or no {@code rca index} yet.
 */
record CacheTables(CommitTable commits, ChangedPathTable paths) {
    static final CacheTables NONE = new CacheTables(null, null);

    CacheTables {
        if (commits == null && paths != null) {
            throw new IllegalArgumentException("a changed-path table needs its commit table");
        }
    }
}
