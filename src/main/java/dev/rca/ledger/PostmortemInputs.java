package dev.rca.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The four inputs without which no post-mortem is drafted: <b>repro</b> ({@code repro.command}, and
 * {@code repro.rate} deterministic or failing in at least half the runs), <b>root cause</b>
 * ({@code root_cause.text}), <b>fix</b> ({@code fix.commits}, each resolving in the repository) and
 * <b>validation</b> ({@code validation.checks}, or a passing {@code rca verify} record; a failed one outweighs
 * the checks). {@code rca status} reports them and {@code rca postmortem} refuses on the same assessment.
 */
public final class PostmortemInputs {
    /** The inputs' names, in the order they are reported. */
    public static final List<String> NAMES = List.of("repro", "root cause", "fix", "validation");

    private PostmortemInputs() {
    }

    /** Assesses the four inputs, in the order of {@link #NAMES}. */
    public static List<InputCheck> assess(Ledger ledger, CommitLookup commits) {
        return List.of(repro(ledger.repro()), rootCause(ledger.rootCause()), fix(ledger.fix(), commits),
            validation(ledger.validation()));
    }

    /** True when every input is present. */
    public static boolean complete(List<InputCheck> checks) {
        return checks.stream().allMatch(InputCheck::present);
    }

    /** One line naming what is missing, e.g. {@code "root cause (root_cause.text is empty); fix (…)"}. */
    public static String describeMissing(List<InputCheck> checks) {
        List<String> parts = new ArrayList<>();
        for (InputCheck check : checks) {
            if (!check.present()) {
                parts.add(check.name() + " (" + check.missing() + ")");
            }
        }
        return String.join("; ", parts);
    }

    private static InputCheck repro(Repro repro) {
        String name = "repro";
        if (repro == null || blank(repro.command())) {
            return InputCheck.missing(name, "repro.command is empty");
        }
        if (repro.rate() == null) {
            return InputCheck.missing(name, "repro.rate is empty (write deterministic, or failing/total runs)");
        }
        if (!repro.reliable()) {
            return InputCheck.missing(name, "repro.rate " + repro.rate().strip()
                + " fails in fewer than half the runs; make the repro fail at least half the time");
        }
        return InputCheck.present(name);
    }

    private static InputCheck rootCause(RootCause rootCause) {
        if (rootCause == null || blank(rootCause.text())) {
            return InputCheck.missing("root cause", "root_cause.text is empty");
        }
        return InputCheck.present("root cause");
    }

    private static InputCheck fix(Fix fix, CommitLookup commits) {
        if (fix == null || fix.commits().isEmpty()) {
            return InputCheck.missing("fix", "fix.commits is empty");
        }
        List<String> unresolved = fix.commits().stream().filter(c -> commits.find(c).isEmpty()).toList();
        if (!unresolved.isEmpty()) {
            return InputCheck.missing("fix", "fix commit" + (unresolved.size() == 1 ? " " : "s ")
                + String.join(", ", unresolved) + " do" + (unresolved.size() == 1 ? "es" : "") + " not resolve in the repository");
        }
        return InputCheck.present("fix");
    }

    private static InputCheck validation(Validation validation) {
        // a failed rca verify is evidence that the fix does not work: checks written by hand do not outweigh it
        if (validation != null && validation.verify() != null && !validation.verify().passed()) {
            return InputCheck.missing("validation", "the last 'rca verify' did not pass: rerun it once the fix (or"
                + " repro.command) is right");
        }
        if (validation != null && !validation.checks().isEmpty()) {
            return InputCheck.present("validation");
        }
        if (validation != null && validation.verify() != null) {
            return InputCheck.present("validation");
        }
        return InputCheck.missing("validation", "validation.checks is empty and there is no passing 'rca verify' record");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
