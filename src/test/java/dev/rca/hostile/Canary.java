package dev.rca.hostile;

/** A class a hostile ledger names in a YAML tag; constructing it would prove tags become classes. */
public final class Canary {
    static volatile boolean constructed;

    public Canary() {
        constructed = true;
    }
}
