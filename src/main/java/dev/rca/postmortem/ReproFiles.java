package dev.rca.postmortem;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The files a repro command runs or reads that the next person will not have: one outside the work tree (a script in
 * the investigator's home), one in it that is not committed, or one that is nowhere (a mistyped name). A post-mortem's
 * repro must be one anybody can run.
 */
final class ReproFiles {
    /** Where tools live: a path there is the machine's, not the investigator's. */
    private static final List<String> SYSTEM = List.of("/usr/", "/bin/", "/sbin/", "/lib", "/opt/", "/etc/",
        "/dev/", "/proc/", "/sys/", "/nix/");

    private static final Pattern OUTPUT_REDIRECT = Pattern.compile(
        "(?:\\d|&)?>>?\\|?\\s*[^\\s;&|()<>]+");

    /** A word that names a file even when there is none: a path with a directory, to a name with an extension. */
    private static final Pattern FILE_PATH = Pattern.compile(
        "(?:~|\\.{1,2})?/[^=:]*|(?:[\\w.-]+/)+[\\w-][\\w.-]*\\.[A-Za-z0-9]{1,8}");

    private ReproFiles() {
    }

    /** Programs whose first operand is the script they run. */
    private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "dash", "zsh", "ksh", "python", "python3",
        "perl", "ruby", "node");

    /** Programs that run another, named among their operands ({@code timeout 60 ./repro.sh}, {@code sudo -E …}). */
    private static final Set<String> WRAPPERS = Set.of("timeout", "sudo", "doas", "nice", "ionice", "xargs", "stdbuf",
        "nohup", "setsid", "taskset", "env", "time", "exec", "command", "strace", "valgrind", "gdb");

    /** Words before a simple command's program that are not it. */
    private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until", "!");

    private static boolean namesFile(String word) {
        return FILE_PATH.matcher(word).matches() && !word.endsWith("/");
    }

    /**
     * The words a repro runs as a program or script: the program of each simple command, an interpreter's first
     * operand ({@code sh x.sh}, {@code ./run.sh}) and every word after a wrapper ({@code timeout 60 ./x.sh}). Only
     * these (and {@code ~/} paths, never the next person's) are warned about when they are nowhere: any other word
     * may name what the repro itself makes ({@code mktemp -d /tmp/x.XXXXXX}, a file in the repository it builds).
     */
    private static Set<String> runWords(String command) {
        Set<String> run = new LinkedHashSet<>();
        for (String simple : command.split("\\R|;|&&|\\|\\||\\||&|\\(|\\)|`|\\$\\(")) {
            List<String> words = new ArrayList<>();
            for (String w : simple.trim().split("\\s+")) {
                String word = w.replaceAll("[\"']", "");
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            int i = 0;
            while (i < words.size() && (PREFIXES.contains(words.get(i)) || words.get(i).matches("\\w+=.*"))) {
                i++;
            }
            if (i == words.size()) {
                continue;
            }
            String program = words.get(i);
            run.add(program);
            if (WRAPPERS.contains(program.substring(program.lastIndexOf('/') + 1))) {
                // its options and their values cannot be told from the program it runs without knowing each
                // wrapper: every word after it may be what runs
                run.addAll(words.subList(i + 1, words.size()));
                continue;
            }
            if (INTERPRETERS.contains(program.substring(program.lastIndexOf('/') + 1))) {
                for (int j = i + 1; j < words.size(); j++) {
                    String operand = words.get(j);
                    if (operand.equals("-c") || operand.equals("-m") || operand.equals("-e")) {
                        break; // code on the command line, a module: no script file
                    }
                    if (!operand.startsWith("-")) {
                        run.add(operand);
                        break;
                    }
                }
            }
        }
        return run;
    }

    /**
     * One warning per such file, in the order the command names them.
     *
     * @param workTree the repository's work tree
     * @param committed whether a work-tree-relative path ('/'-separated) is in the index
     */
    static List<String> warnings(String command, Path workTree, Predicate<String> committed) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Path root = workTree.toAbsolutePath().normalize();
        // where output goes (> out.log, 2>> /tmp/err) is made by the repro, not needed by it
        String read = OUTPUT_REDIRECT.matcher(command).replaceAll(" ");
        Set<String> run = runWords(read);
        for (String word : read.split("[\\s;&|()<>`\"']+")) {
            if (word.isEmpty() || word.startsWith("-") || word.contains("$") || !seen.add(word)) {
                continue;
            }
            Path path;
            try {
                path = word.startsWith("/") ? Path.of(word).normalize() : root.resolve(word).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            // a home directory is never the next person's, whether or not this machine has the file there
            boolean outside = !path.startsWith(root) || word.startsWith("~/");
            boolean exists = Files.isRegularFile(path);
            // a file that is nowhere, here or outside, is worse than one only the investigator has, where the repro
            // runs it; a word that only may be a path (a regular expression, a Python expression, what the repro
            // makes) is left alone
            if (!exists && (Files.exists(path) || !namesFile(word) || !run.contains(word) && !word.startsWith("~/"))) {
                continue;
            }
            if (outside) {
                if (SYSTEM.stream().noneMatch(word::startsWith)) {
                    out.add("repro.command names " + word + ", outside the work tree: the next person has no such"
                        + " file" + (exists || word.startsWith("~/") ? "" : ", and neither has this machine")
                        + "; commit it, or write its steps into repro.command");
                }
            } else if (word.contains("/") || word.contains(".")) {
                String relative = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                if (!committed.test(relative)) {
                    out.add("repro.command names " + relative + (exists
                        ? ", which is not committed: commit it with the fix"
                        : ", which is neither in the work tree nor committed: correct the name, or commit the file"
                            + " with the fix"));
                }
            }
        }
        return out;
    }
}
