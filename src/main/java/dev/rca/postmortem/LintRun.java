package dev.rca.postmortem;

import dev.rca.RcaException;
import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints post-mortem files the way {@code rca lint} does: each file against the repository that contains
 * it (its SHAs and its {@code .rca.yaml}), or, for a file outside any repository, against the repository
 * around the fallback directory. Every file is read and every configuration loaded before anything is
 * linted, so bad input fails the whole run.
 */
public final class LintRun {
    /**
     * What a run found.
     *
     * @param findings every finding, sorted by file, line and column
     * @param warnings lines for stderr: ignored configuration keys, files whose SHAs could not be checked
     */
    public record Report(List<LintFinding> findings, List<String> warnings) {
        public Report {
            findings = List.copyOf(findings);
            warnings = List.copyOf(warnings);
        }
    }

    private LintRun() {
    }

    /**
     * Lints {@code files}, named as the user typed them and resolved against {@code directory}; a file
     * outside any repository is checked against the repository around {@code directory}, if there is one.
     *
     * @throws RcaException exit 3 when a file cannot be read or a {@code .rca.yaml} is malformed
     */
    public static Report lint(Path directory, List<String> files) {
        for (String file : files) {
            // a ledger read as Markdown gives nonsense findings (its comments are headings)
            if (file.endsWith(".yaml") || file.endsWith(".yml")) {
                String ticket = Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", "");
                throw RcaException.usage("'" + file + "' is a ledger, not a post-mortem")
                    .withHint("check it with 'rca check -t " + ticket + "'; lint the post-mortem written from it ("
                        + file.replaceFirst("\\.ya?ml$", ".md") + ")");
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : files) {
            texts.put(file, read(directory.resolve(file), file));
        }
        Map<Path, GitWorkspace> workspaces = new LinkedHashMap<>();
        Map<Path, PostmortemLinter> linters = new LinkedHashMap<>();
        List<LintFinding> findings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            GitWorkspace fallback = openOrNull(directory);
            if (fallback != null) {
                workspaces.put(fallback.gitDir(), fallback);
            }
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                Path parent = directory.resolve(entry.getKey()).toAbsolutePath().normalize().getParent();
                GitWorkspace own = openOrNull(parent);
                GitWorkspace workspace = own != null ? workspaces.computeIfAbsent(own.gitDir(), k -> own) : fallback;
                if (own != null && workspace != own) {
                    own.close();
                }
                PostmortemLinter linter;
                if (workspace == null) {
                    linter = new PostmortemLinter(RcaConfig.defaults().lint(), null);
                    warnings.add(entry.getKey() + ": not inside a git repository; SHAs in it are not checked");
                } else {
                    linter = linters.computeIfAbsent(workspace.gitDir(), k -> linterFor(workspace, warnings));
                }
                findings.addAll(linter.lint(entry.getKey(), entry.getValue()));
            }
        } finally {
            workspaces.values().forEach(GitWorkspace::close);
        }
        return new Report(findings.stream().sorted(LintFinding.BY_POSITION).toList(), warnings);
    }

    private static PostmortemLinter linterFor(GitWorkspace workspace, List<String> warnings) {
        RcaConfig config = RcaConfig.of(workspace);
        warnings.addAll(config.warnings());
        return new PostmortemLinter(config.lint(), new RepositoryShaResolver(workspace));
    }

    private static GitWorkspace openOrNull(Path directory) {
        return GitWorkspace.find(directory).orElse(null);
    }

    private static String read(Path path, String name) {
        if (Files.isDirectory(path)) {
            throw RcaException.badInput("cannot lint '" + name + "': it is a directory");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw RcaException.badInput("cannot lint '" + name + "': no such file", e);
        } catch (CharacterCodingException e) {
            throw RcaException.badInput("cannot lint '" + name + "': not UTF-8 text", e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read '" + name + "': " + e.getMessage(), e);
        }
    }
}
