package dev.rca.history;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One author's part in a path's history.
 *
 * @param name the author's name, after the mailmap
 * @param email the author's email, after the mailmap
 * @param commits how many of the history's commits they authored
 * @param added lines they added under the paths
 * @param removed lines they removed under the paths
 * @param first the author date of their earliest commit there
 * @param last the author date of their latest commit there
 */
public record AuthorSummary(String name, String email, long commits, long added, long removed,
                            OffsetDateTime first, OffsetDateTime last) {
    public AuthorSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (commits < 1 || added < 0 || removed < 0) {
            throw new IllegalArgumentException("bad counts for " + name);
        }
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /** The author as {@code rca history --authors --format=json} shows it (dates as days). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("email", email);
        m.put("commits", commits);
        m.put("added", added);
        m.put("removed", removed);
        m.put("first", first.toLocalDate().toString());
        m.put("last", last.toLocalDate().toString());
        return m;
    }

    static final class Builder {
        private final Mailmap.Person who;
        private long commits;
        private long added;
        private long removed;
        private OffsetDateTime first;
        private OffsetDateTime last;

        Builder(Mailmap.Person who) {
            this.who = who;
        }

        void add(OffsetDateTime when, long linesAdded, long linesRemoved) {
            commits++;
            added += Math.max(0, linesAdded);
            removed += Math.max(0, linesRemoved);
            if (first == null || when.toInstant().isBefore(first.toInstant())) {
                first = when;
            }
            if (last == null || when.toInstant().isAfter(last.toInstant())) {
                last = when;
            }
        }

        AuthorSummary build() {
            return new AuthorSummary(who.name(), who.email(), commits, added, removed, first, last);
        }
    }
}
