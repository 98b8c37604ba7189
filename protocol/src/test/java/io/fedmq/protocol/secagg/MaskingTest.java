package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {
    private static final int BITS = 24;

    @Test
    void pairwiseMasksCancelAndSelfMasksComeOffWithTheirSeeds() {
        long[] xa = {1, 2, 3, 0xffffff};
        long[] xb = {10, 20, 30, 1};
        byte[] ab = MaskGeneratorTest.seed(7);
        long[] ya = Masking.mask(xa, MaskGeneratorTest.seed(1), Map.of("b", ab), "a", BITS);
        long[] yb = Masking.mask(xb, MaskGeneratorTest.seed(2), Map.of("a", ab), "b", BITS);
        assertFalse(Arrays.equals(xa, ya));
        long[] sum = Masking.addMod(ya, yb, BITS);
        long[] unmasked = Masking.unmask(sum, List.of(MaskGeneratorTest.seed(1), MaskGeneratorTest.seed(2)), List.of(), BITS);
        assertArrayEquals(new long[] {11, 22, 33, 0}, unmasked, "exact, mod 2^24");
    }

    @Test
    void aCorrectionRemovesTheMaskASurvivorAddedForADroppedNeighbour() {
        long[] x = {5, 6, 7};
        byte[] withDropped = MaskGeneratorTest.seed(9);
        long[] y = Masking.mask(x, MaskGeneratorTest.seed(1), Map.of("z-dropped", withDropped), "a", BITS);
        long[] back = Masking.unmask(y, List.of(MaskGeneratorTest.seed(1)),
                List.of(new Masking.Correction(withDropped, PairwiseSeeds.sign("a", "z-dropped"))), BITS);
        assertArrayEquals(x, back);
    }

    @Test
    void signsAreOppositeForThePairAndSeedsAreNewEachRound() {
        assertEquals(1, PairwiseSeeds.sign("node-1", "node-2"));
        assertEquals(-1, PairwiseSeeds.sign("node-2", "node-1"));
        assertThrows(IllegalArgumentException.class, () -> PairwiseSeeds.sign("a", "a"));
        byte[] shared = MaskGeneratorTest.seed(3);
        assertArrayEquals(PairwiseSeeds.pairwiseSeed(shared, 4), PairwiseSeeds.pairwiseSeed(shared, 4));
        assertFalse(Arrays.equals(PairwiseSeeds.pairwiseSeed(shared, 4), PairwiseSeeds.pairwiseSeed(shared, 5)));
        assertFalse(Arrays.equals(shared, PairwiseSeeds.pairwiseSeed(shared, 4)), "never the raw agreement");
    }

    @Test
    void addModWrapsAndChecksLengths() {
        assertArrayEquals(new long[] {0, 5}, Masking.addMod(new long[] {0xffffff, 2}, new long[] {1, 3}, BITS));
        assertThrows(IllegalArgumentException.class, () -> Masking.addMod(new long[1], new long[2], BITS));
        assertThrows(IllegalArgumentException.class, () -> Masking.mask(new long[] {1L << BITS}, MaskGeneratorTest.seed(1), Map.of(), "a", BITS));
    }

    @Test
    void correctionsCopyTheirSeedAndNeverPrintIt() {
        byte[] seed = MaskGeneratorTest.seed(4);
        Masking.Correction c = new Masking.Correction(seed, -1);
        seed[0] = 0;
        assertNotEquals(0, c.seed()[0]);
        assertEquals(new Masking.Correction(MaskGeneratorTest.seed(4), -1), c);
        assertEquals("Correction[sign=-1]", c.toString());
        assertThrows(IllegalArgumentException.class, () -> new Masking.Correction(seed, 0));
    }
}
