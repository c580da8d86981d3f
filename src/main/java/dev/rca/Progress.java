package dev.rca;

/**
 * Progress of long work (history walks, bisect runs, blame). The command line shows it on stderr
 * only when stderr is a terminal; library users and tests get {@link #NONE}.
 */
public interface Progress {
    /** Progress that shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(String task, long done, long total) {
        }

        @Override
        public void finish() {
        }
    };

    /**
     * Reports that {@code done} of {@code total} units of {@code task} are finished.
     * {@code total} is {@code -1} when unknown. Implementations throttle; callers may call this often.
     */
    void update(String task, long done, long total);

    /** Clears whatever progress display is showing. */
    void finish();
}
