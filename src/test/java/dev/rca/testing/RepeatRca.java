package dev.rca.testing;

import dev.rca.cli.Rca;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate process for concurrency tests: {@code RepeatRca <dir> <go-file> <n> <rca args…>} waits until
 * {@code go-file} exists, then runs {@code rca <args>} {@code n} times in {@code dir}, with {@code {i}} in an
 * argument replaced by the run's number. It prints each run's stdout, reports failures on stderr and exits 1
 * if any run failed.
 */
public final class RepeatRca {
    private RepeatRca() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path go = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        int failures = 0;
        for (int i = 1; i <= runs; i++) {
            String[] rcaArgs = new String[args.length - 3];
            for (int j = 3; j < args.length; j++) {
                rcaArgs[j - 3] = args[j].replace("{i}", Integer.toString(i));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Rca.commandLine(Rca.startingIn(dir), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(rcaArgs);
            System.out.print(out);
            if (code != 0) {
                failures++;
                System.err.print("run " + i + " exited " + code + ": " + err);
            }
        }
        System.out.flush();
        System.exit(failures == 0 ? 0 : 1);
    }
}
