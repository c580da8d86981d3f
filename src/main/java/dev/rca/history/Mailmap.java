package dev.rca.history;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code .mailmap}, applied the way git applies it: entries are found by the commit's email
 * (ignoring case), then by the commit's name where the entry names one (ignoring case); a mapping
 * replaces the name, the email, or both.
 */
public final class Mailmap {
    /** A mailmap with no entries. */
    public static final Mailmap EMPTY = new Mailmap(Map.of());

    private final Map<String, Entry> byEmail;

    private Mailmap(Map<String, Entry> byEmail) {
        this.byEmail = byEmail;
    }

    /** A person as a commit names them. */
    public record Person(String name, String email) {
        public Person {
            name = name == null ? "" : name;
            email = email == null ? "" : email;
        }

        /** {@code Name <email>}, as git's {@code --author} patterns see it. */
        @Override
        public String toString() {
            return name + " <" + email + ">";
        }
    }

    private static final class Entry {
        String name;
        String email;
        final Map<String, String[]> byName = new HashMap<>();
    }

    /** Parses mailmap text; lines it cannot read are skipped, as git does. */
    public static Mailmap parse(String text) {
        Map<String, Entry> map = new HashMap<>();
        for (String rawLine : text.split("\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] first = nameAndEmail(line);
            if (first == null) {
                continue;
            }
            String rest = line.substring(line.indexOf('>') + 1);
            String[] second = nameAndEmail(rest);
            String newName = first[0];
            String newEmail = first[1];
            String oldName = second == null ? null : second[0];
            String oldEmail = second == null ? null : second[1];
            if (oldEmail == null) {
                oldEmail = newEmail;
                newEmail = null;
            }
            Entry entry = map.computeIfAbsent(oldEmail.toLowerCase(Locale.ROOT), k -> new Entry());
            if (oldName == null) {
                if (newName != null) {
                    entry.name = newName;
                }
                if (newEmail != null) {
                    entry.email = newEmail;
                }
            } else {
                entry.byName.put(oldName.toLowerCase(Locale.ROOT), new String[] {newName, newEmail});
            }
        }
        return map.isEmpty() ? EMPTY : new Mailmap(map);
    }

    /** {@code [name or null, email]} of the first {@code Name <email>} in {@code text}, or null. */
    private static String[] nameAndEmail(String text) {
        int open = text.indexOf('<');
        int close = open < 0 ? -1 : text.indexOf('>', open);
        if (close < 0) {
            return null;
        }
        String name = text.substring(0, open).strip();
        return new String[] {name.isEmpty() ? null : name, text.substring(open + 1, close)};
    }

    /** The person as the mailmap says they are known. */
    public Person map(Person who) {
        Person mapped = mapped(who);
        return mapped != null ? mapped : who;
    }

    /**
     * Whether an entry applies to {@code who} (git's {@code map_user} returning true), even one that maps them to
     * themselves: git 2.39 rewrites a commit's committer line for {@code --committer} only after it rewrote the
     * author line.
     */
    public boolean maps(Person who) {
        return mapped(who) != null;
    }

    private Person mapped(Person who) {
        if (byEmail.isEmpty()) {
            return null;
        }
        Entry entry = byEmail.get(who.email().toLowerCase(Locale.ROOT));
        if (entry == null) {
            return null;
        }
        String[] byName = entry.byName.get(who.name().toLowerCase(Locale.ROOT));
        if (byName != null) {
            return new Person(byName[0] != null ? byName[0] : who.name(),
                byName[1] != null ? byName[1] : who.email());
        }
        if (entry.name == null && entry.email == null) {
            return null;
        }
        return new Person(entry.name != null ? entry.name : who.name(),
            entry.email != null ? entry.email : who.email());
    }

    /** True when no entry is defined. */
    public boolean isEmpty() {
        return byEmail.isEmpty();
    }
}
