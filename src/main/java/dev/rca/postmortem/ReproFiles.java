package dev.rca.postmortem;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * A word that names a file even when there is none: a path with a directory, to a name with an extension. The
     * directories are possessive (what follows them has no {@code /} to give back), which java.util.regex matches
     * without recursing once per directory: a word of 100,000 of them overflowed the stack (RCA-13).
     */
    static final Pattern FILE_PATH = Pattern.compile(
        "(?:~|\\.{1,2})?/[^=:]*|(?:[\\w.-]+/)++[\\w-][\\w.-]*\\.[A-Za-z0-9]{1,8}");

    private ReproFiles() {
    }

    /** Programs whose first operand is the script they run. */
    private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "dash", "zsh", "ksh", "python", "python3",
        "perl", "ruby", "node");

    /** Of those, the shells, whose {@code -c} takes a command line. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh");

    /** Interpreter options whose value is the next word ({@code python3 -W ignore x.py}, {@code bash -o pipefail}). */
    private static final Set<String> INTERPRETER_VALUES = Set.of("-W", "-X", "-o", "-O", "-r", "--require");

    /**
     * Programs that run another named among their operands ({@code timeout 60 ./repro.sh}, {@code sudo -E …}), with
     * their options that take the next word as a value: the program is the first operand past those.
     */
    private static final Map<String, Set<String>> WRAPPERS = Map.ofEntries(
        Map.entry("timeout", Set.of("-s", "-k", "--signal", "--kill-after")),
        Map.entry("sudo", Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-R")),
        Map.entry("doas", Set.of("-u", "-C")),
        Map.entry("nice", Set.of("-n", "--adjustment")),
        Map.entry("ionice", Set.of("-c", "-n", "-p", "-P", "-u")),
        Map.entry("xargs", Set.of("-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter")),
        Map.entry("strace", Set.of("-o", "-e", "-p", "-s", "-a", "-b", "-E", "-I", "-O", "-P", "-S", "-u", "-X")),
        Map.entry("env", Set.of("-u", "-C", "-S", "--unset", "--chdir")),
        Map.entry("stdbuf", Set.of()), Map.entry("nohup", Set.of()), Map.entry("setsid", Set.of()),
        Map.entry("time", Set.of()), Map.entry("exec", Set.of()), Map.entry("command", Set.of()),
        Map.entry("valgrind", Set.of()), Map.entry("poetry", Set.of()), Map.entry("pipenv", Set.of()),
        Map.entry("uv", Set.of()));

    /** Words before a simple command's program that are not it. */
    private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{");

    private static boolean namesFile(String word) {
        return FILE_PATH.matcher(word).matches() && !word.endsWith("/");
    }

    private static String base(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    /**
     * The words a repro runs as a program or script: the program of each simple command (past wrappers such as
     * {@code timeout 60}, {@code sudo -E}, {@code poetry run}, and their options), an interpreter's script
     * ({@code sh x.sh}, {@code python3 -W ignore x.py}) and the program of a shell's {@code -c} line. Only these (and
     * {@code ~/} paths, never the next person's) are warned about when they are nowhere: any other word may name what
     * the repro itself makes (a scratch directory from {@code mktemp -d}, an output file, a file in a repository it
     * builds).
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
            while (i < words.size() && WRAPPERS.containsKey(base(words.get(i)))) {
                Set<String> values = WRAPPERS.get(base(words.get(i)));
                i++;
                while (i < words.size() && (words.get(i).startsWith("-") || words.get(i).matches("\\w+=.*")
                    || words.get(i).matches("\\d+(\\.\\d+)?[smhd]?") || words.get(i).equals("run"))) {
                    i += values.contains(words.get(i)) ? 2 : 1;
                }
            }
            if (i >= words.size()) {
                continue;
            }
            String program = words.get(i);
            run.add(program);
            if (INTERPRETERS.contains(base(program))) {
                for (int j = i + 1; j < words.size(); j++) {
                    String operand = words.get(j);
                    if (operand.equals("-c") && SHELLS.contains(base(program)) && j + 1 < words.size()) {
                        run.add(words.get(j + 1)); // the -c line's program, as the line's words were split
                        break;
                    }
                    if (operand.equals("-c") || operand.equals("-m") || operand.equals("-e")) {
                        break; // code on the command line, a module: no script file
                    }
                    if (INTERPRETER_VALUES.contains(operand)) {
                        j++;
                    } else if (!operand.startsWith("-")) {
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
