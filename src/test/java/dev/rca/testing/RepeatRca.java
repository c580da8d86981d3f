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

    /**
     * Starts {@code RepeatRca dir go runs args…} in a JVM of its own, with the lock wait long enough for a loaded CI
     * machine. No perf-data file: when another process holds one under the same pid, the JVM warns on stdout, which
     * the tests read as the answers.
     */
    public static Process start(Path dir, Path go, int runs, String... args) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", RepeatRca.class.getName(), dir.toString(), go.toString(),
            Integer.toString(runs)));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RCA_LOCK_TIMEOUT", "300");
        return builder.start();
    }

    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
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
