package dev.rca.ledger;

/**
 * The text of a new ledger: the header fields, then every section empty, each with a comment saying what goes
 * there and which command fills it, so a person sees where to write prose.
 */
public final class LedgerTemplate {
    private LedgerTemplate() {
    }

    /** A fresh ledger for {@code ticket}; {@code title} and {@code owner} may be {@code null}. */
    public static String render(TicketId ticket, String title, LedgerKind kind, String owner) {
        String nl = "\n";
        return "# Evidence ledger for " + ticket + " (rca ledger format 1). Edit it by hand or with rca commands:" + nl
            + "# comments, blank lines and key order you write are kept. 'rca check' validates it." + nl
            + "rca: 1" + nl
            + "ticket: " + YamlWriter.scalar(ticket.value(), false) + nl
            + commented("title:" + valueOrEmpty(title), "one line: what users saw") + nl
            + commented("kind: " + kind.word(), "bug | incident") + nl
            + commented("owner:" + valueOrEmpty(owner), "the team or person driving this") + nl
            + "status: open                   # open | root-caused | fixed | validated | published" + nl
            + "summary:                       # one paragraph, written last" + nl
            + nl
            + "symptoms: []                   # rca symptom \"<text>\" --kind=… --source=… --at=…" + nl
            + "timeline: []                   # - {at: \"2026-11-20T09:00:00Z\", event: \"…\", source: \"…\"}" + nl
            + "repro:" + nl
            + "  command:                     # the command that reproduces the bug" + nl
            + "  rate:                        # deterministic, or failing/total runs such as \"20/20\"" + nl
            + nl
            + "hypotheses: []                 # rca hypothesis \"<text>\" --likelihood=0.4 --explains=S1" + nl
            + "experiments: []                # rca experiment \"<what was done>\" --tests=H1 --result=\"…\"" + nl
            + "evidence: []                   # rca evidence <rev> --note=\"…\"" + nl
            + nl
            + "root_cause:" + nl
            + "  text:                        # the mechanism, with code identifiers" + nl
            + "  offending: []                # the commit(s) that introduced the bug" + nl
            + "why_symptom:                   # how the root cause produced the symptom" + nl
            + "fix:" + nl
            + "  commits: []                  # the fix commit(s)" + nl
            + "  review:                      # e.g. \"PR #512\"" + nl
            + "  text:                        # what the fix changes" + nl
            + "how_found:                     # optional: otherwise told from hypotheses, experiments and bisect" + nl
            + "slipped:" + nl
            + "  category:                    # ci-gap | latent-code | workload-gap | incomplete-prior-fix | review-miss | no-good-reason" + nl
            + "  text:" + nl
            + "validation:" + nl
            + "  checks: []                   # - {what: \"CheckoutIT passes\", evidence: \"20/20 runs at <sha>\"}" + nl
            + "  not_covered:                 # what was not retested, or \"none\"" + nl
            + "action_items: []               # - {what: \"…\", owner: \"…\", tracking: \"…\"}, or the single word none" + nl;
    }

    private static String valueOrEmpty(String value) {
        return value == null || value.isBlank() ? "" : " " + YamlWriter.scalar(value.strip(), false);
    }

    private static String commented(String line, String comment) {
        return line + " ".repeat(Math.max(1, 31 - line.length())) + "# " + comment;
    }
}
