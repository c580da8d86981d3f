package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailmapTest {
    private final Mailmap map = Mailmap.parse("""
        # comment
        Proper Name <commit@example.com>
        <proper@example.com> <old@example.com>
        Both Name <both@example.com> <messy@example.com>
        Picky Name <picky@example.com> Wrong Name <shared@example.com>
        """);

    private Mailmap.Person map(String name, String email) {
        return map.map(new Mailmap.Person(name, email));
    }

    @Test
    void replacesTheNameByEmailIgnoringCase() {
        assertEquals(new Mailmap.Person("Proper Name", "Commit@Example.com"), map("nick", "Commit@Example.com"));
    }

    @Test
    void replacesTheEmailOnly() {
        assertEquals(new Mailmap.Person("Someone", "proper@example.com"), map("Someone", "old@example.com"));
    }

    @Test
    void replacesBoth() {
        assertEquals(new Mailmap.Person("Both Name", "both@example.com"), map("x", "messy@example.com"));
    }

    @Test
    void matchesByNameAndEmailWhenTheEntryNamesOne() {
        assertEquals(new Mailmap.Person("Picky Name", "picky@example.com"), map("wrong name", "shared@example.com"));
        assertEquals(new Mailmap.Person("Other", "shared@example.com"), map("Other", "shared@example.com"));
    }

    @Test
    void leavesOthersAlone() {
        assertEquals(new Mailmap.Person("A", "a@example.com"), map("A", "a@example.com"));
        assertEquals(true, Mailmap.parse("# nothing\n").isEmpty());
    }
}
