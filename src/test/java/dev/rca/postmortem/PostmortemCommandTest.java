package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmortemCommandTest {
    @TempDir
    Path tmp;

    @Test
    void completeLedgerRendersGolden() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        System.out.println(result);
        System.out.println(r.read("docs/postmortems/PAY-142.md"));
        assertEquals(0, result.exitCode());
    }
}
