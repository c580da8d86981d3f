package dev.rca.ledger;

/**
 * The status a ledger's contents establish, rung by rung: {@code root-caused} once {@code root_cause.text} is
 * written and backed by a confirmed hypothesis or an offending commit ({@code root_cause.offending}); {@code fixed}
 * once, in addition, the post-mortem's fix input holds ({@code fix.commits}, each resolving); {@code validated}
 * once its validation input holds as well ({@code validation.checks}, or a passing {@code rca verify} that no failed
 * one replaced). {@code published} is only ever set by {@code rca postmortem --commit}.
 *
 * @param status the highest rung the ledger reaches ({@code open} when it reaches none)
 * @param why what establishes it, for the note that says the status advanced (empty for {@code open})
 */
public record EstablishedStatus(LedgerStatus status, String why) {
    public EstablishedStatus {
        if (status == LedgerStatus.PUBLISHED) {
            throw new IllegalArgumentException("publishing is no state of the ledger's contents");
        }
    }

    /** What {@code ledger} establishes, its fix commits looked up in {@code commits}. */
    public static EstablishedStatus of(Ledger ledger, CommitLookup commits) {
        RootCause cause = ledger.rootCause();
        if (cause == null || cause.text() == null || cause.text().isBlank()) {
            return new EstablishedStatus(LedgerStatus.OPEN, "");
        }
        String confirmed = ledger.hypotheses().stream().filter(h -> h.status() == HypothesisStatus.CONFIRMED)
            .map(Hypothesis::id).findFirst().orElse(null);
        if (confirmed == null && cause.offending().isEmpty()) {
            return new EstablishedStatus(LedgerStatus.OPEN, "");
        }
        String rootCaused = "root_cause.text, " + (confirmed != null ? confirmed + " confirmed"
            : "offending commit " + cause.offending().get(0));
        java.util.List<InputCheck> inputs = PostmortemInputs.assess(ledger, commits);
        if (!inputs.get(PostmortemInputs.NAMES.indexOf("fix")).present()) {
            return new EstablishedStatus(LedgerStatus.ROOT_CAUSED, rootCaused);
        }
        if (!inputs.get(PostmortemInputs.NAMES.indexOf("validation")).present()) {
            return new EstablishedStatus(LedgerStatus.FIXED, "fix.commits resolve");
        }
        Validation validation = ledger.validation();
        return new EstablishedStatus(LedgerStatus.VALIDATED, validation.verify() != null && validation.verify().passed()
            ? "rca verify passed" : "validation.checks recorded");
    }

    /**
     * The status to write over {@code current}: this one when it is further along, else null. Never backwards, and
     * a published ledger stays published.
     */
    public LedgerStatus advancing(LedgerStatus current) {
        return current != LedgerStatus.PUBLISHED && status.ordinal() > current.ordinal() ? status : null;
    }
}
