package dev.rca.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random texts made of given parts, for comparing a rewritten pattern or scan with the one it replaces. */
public final class RandomTexts {
    private RandomTexts() {
    }

    /** {@code count} texts of up to {@code maxParts} of {@code parts} each, the same for the same seed. */
    public static List<String> of(long seed, int count, int maxParts, String... parts) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(maxParts + 1); n > 0; n--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
