package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.RcaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlakeRateOptionTest {
    @Test
    void oneRateServesForBothSides() {
        FlakyBisector.Model model = FlakyBisector.Model.parseRates("0.1");
        assertEquals(0.1, model.knownGoodFail());
        assertEquals(0.9, model.knownBadFail(), 1e-12);
    }

    @Test
    void twoRatesAreGoodFailsThenBadPasses() {
        FlakyBisector.Model model = FlakyBisector.Model.parseRates("0.05,0.2");
        assertEquals(0.05, model.knownGoodFail());
        assertEquals(0.8, model.knownBadFail(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5", "0.6,0.4", "x", "0.1,0.1,0.1", "NaN", "-0.1", ""})
    void anythingElseIsAUsageError(String text) {
        RcaException e = assertThrows(RcaException.class, () -> FlakyBisector.Model.parseRates(text));
        assertEquals(2, e.exitCode());
        assertEquals("--flake-rate wants <p>[,<q>] with 0 < p, q and p + q < 1, not '" + text + "'", e.getMessage());
    }
}
