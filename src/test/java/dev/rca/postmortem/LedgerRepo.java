package dev.rca.postmortem;

import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A small repository with a bug and its fix, and hand-written ledgers from {@code ledgers/} whose
 * {@code {OFFENDING}}, {@code {FIX}}, {@code {BASE}} and {@code {FIX_PARENT}} placeholders become its SHAs.
 * {@code test.sh} fails before the fix and passes after it.
 */
final class LedgerRepo {
    final TestRepo repo;
    final Path dir;
    final RevCommit base;
    final RevCommit offending;
    final RevCommit fixParent;
    final RevCommit fix;

    LedgerRepo(Path dir) {
        this.dir = dir;
        repo = TestRepo.init(dir);
        base = repo.commit("Add cart cache").add("src/CartCache.java", "class CartCache {\n  void evict() {\n"
            + "    lock();\n    unlinkEntry();\n    unlock();\n  }\n}\n")
            .addExecutable("test.sh", "tr -d ' \\n' < src/CartCache.java | grep -q 'unlinkEntry();unlock'\n")
            .add("README.md", "cart\n").create();
        offending = repo.commit("Refactor cart cache eviction").add("src/CartCache.java", "class CartCache {\n"
            + "  void evict() {\n    lock();\n    unlock();\n    unlinkEntry();\n  }\n}\n").create();
        fixParent = repo.commit("Update README").add("README.md", "cart cache\n").create();
        fix = repo.commit("Hold cart_lock in CartCache.evict until unlinkEntry returns")
            .add("src/CartCache.java", "class CartCache {\n  void evict() {\n    lock();\n    unlinkEntry();\n"
                + "    unlock();\n  }\n}\n").create();
        repo.checkout();
    }

    Map<String, String> placeholders() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("{OFFENDING}", offending.name());
        p.put("{FIX_PARENT}", fixParent.name());
        p.put("{FIX}", fix.name());
        p.put("{BASE}", base.name());
        p.put("{OFFENDING12}", offending.name().substring(0, 12));
        p.put("{FIX_PARENT12}", fixParent.name().substring(0, 12));
        p.put("{FIX12}", fix.name().substring(0, 12));
        p.put("{BASE12}", base.name().substring(0, 12));
        return p;
    }

    /** A resource with the placeholders filled in. */
    String resource(String name) {
        try (InputStream in = LedgerRepo.class.getResourceAsStream("/dev/rca/postmortem/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : placeholders().entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code ledgers/<name>} as {@code docs/postmortems/<ticket>.yaml} after {@code edit}. */
    Path writeLedger(String ticket, String name, java.util.function.UnaryOperator<String> edit) {
        Path file = dir.resolve("docs/postmortems/" + ticket + ".yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, edit.apply(resource("ledgers/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path writeLedger(String ticket, String name) {
        return writeLedger(ticket, name, t -> t);
    }

    String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
