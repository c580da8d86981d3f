package dev.rca.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A complete, well-formed hand-written post-mortem ({@code dev/rca/postmortem/clean.md}) for lint tests. */
public final class PostmortemFixture {
    private PostmortemFixture() {
    }

    /** The clean post-mortem naming {@code fix} as the fix commit and {@code offending} as the offending one. */
    public static String clean(String fix, String offending) {
        try (InputStream in = PostmortemFixture.class.getResourceAsStream("/dev/rca/postmortem/clean.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .replace("{FIX}", fix).replace("{OFFENDING}", offending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
