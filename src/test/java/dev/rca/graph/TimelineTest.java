package dev.rca.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void ordersByTimeStablyWithUntimedEventsLast() {
        TimelineEvent untimed1 = new TimelineEvent(null, "experiment", "thread dump", "X1");
        TimelineEvent late = new TimelineEvent(NINE.plusSeconds(720), "symptom", "CheckoutIT times out", "S1");
        TimelineEvent deployA = new TimelineEvent(NINE, "timeline", "build 1.42 deployed", "deploy log");
        TimelineEvent deployB = new TimelineEvent(NINE, "timeline", "cache warmed", null);
        TimelineEvent untimed2 = new TimelineEvent(null, "bisect", "bad 3f2a9c1", null);
        TimelineEvent early = new TimelineEvent(NINE.minusSeconds(86_400), "evidence", "3f2a9c1 Refactor cart cache", "E1");
        assertEquals(List.of(early, deployA, deployB, late, untimed1, untimed2),
            Timeline.order(List.of(untimed1, late, deployA, deployB, untimed2, early)));
    }

    @Test
    void rendersTableAndJson() {
        List<TimelineEvent> events = List.of(
            new TimelineEvent(NINE, "timeline", "build 1.42 deployed", "deploy log"),
            new TimelineEvent(NINE.plusMillis(720_500), "symptom", "CheckoutIT times out\nafter 30 s", "S1"),
            new TimelineEvent(null, "experiment", "thread dump", null));
        assertEquals(String.join("\n",
            "TIME                      KIND        TEXT                             SOURCE",
            "2026-11-20T09:00:00Z      timeline    build 1.42 deployed              deploy log",
            "2026-11-20T09:12:00.500Z  symptom     CheckoutIT times out after 30 s  S1",
            "-                         experiment  thread dump                      -", ""), Timeline.table(events));
        assertEquals("[{\"at\":\"2026-11-20T09:00:00Z\",\"kind\":\"timeline\",\"text\":\"build 1.42 deployed\","
            + "\"source\":\"deploy log\"},{\"at\":\"2026-11-20T09:12:00.500Z\",\"kind\":\"symptom\",\"text\":"
            + "\"CheckoutIT times out\\nafter 30 s\",\"source\":\"S1\"},{\"at\":null,\"kind\":\"experiment\","
            + "\"text\":\"thread dump\",\"source\":null}]\n", Timeline.json(events));
    }

    /** The columns after a text of wide characters line up on a terminal: padded by columns, not characters. */
    @Test
    void wideTextIsPaddedByTheColumnsItTakes() {
        List<TimelineEvent> events = List.of(
            new TimelineEvent(NINE, "symptom", "结账超时", "S1"),
            new TimelineEvent(NINE, "symptom", "checkout", "S2"));
        assertEquals(String.join("\n",
            "TIME                  KIND     TEXT      SOURCE",
            "2026-11-20T09:00:00Z  symptom  结账超时  S1",
            "2026-11-20T09:00:00Z  symptom  checkout  S2", ""), Timeline.table(events));
    }

    @Test
    void eventsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TimelineEvent(NINE, "Symptom", "x", null));
        assertThrows(IllegalArgumentException.class, () -> new TimelineEvent(NINE, "symptom", " ", null));
        assertEquals(null, new TimelineEvent(NINE, "symptom", "x", " ").source());
    }
}
