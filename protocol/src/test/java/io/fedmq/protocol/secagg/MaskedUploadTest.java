package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What leaves a node: a masked, packed vector that looks uniform and is 3/4 the size of float32. */
class MaskedUploadTest {
    private static final int D = 100_000;
    private final Quantizer quantizer = Quantizer.forNodes(100, 0.1, 1000, 24);

    @Test
    void oneNodesMaskedVectorLooksUniformWhileItsEncodingDoesNot() {
        long[] encoded = encodedUpdate();
        long[] masked = Masking.mask(encoded, MaskGeneratorTest.seed(1),
                Map.of("node-a", MaskGeneratorTest.seed(2), "node-z", MaskGeneratorTest.seed(3)), "node-m", 24);
        double maskedTop = Statistics.chiSquare(masked, v -> (int) (v >>> 16), 256);
        double maskedLow = Statistics.chiSquare(masked, v -> (int) (v & 255), 256);
        double rawTop = Statistics.chiSquare(encoded, v -> (int) (v >>> 16), 256);
        System.out.printf("Uniformity, chi2 over 256 buckets (critical %.0f at p=1e-4): masked top byte %.1f, low byte %.1f;"
                + " unmasked top byte %.0f%n", Statistics.CHI2_255_P1E4, maskedTop, maskedLow, rawTop);
        assertTrue(maskedTop < Statistics.CHI2_255_P1E4, "masked top byte chi2 " + maskedTop);
        assertTrue(maskedLow < Statistics.CHI2_255_P1E4, "masked low byte chi2 " + maskedLow);
        assertTrue(rawTop > 100 * Statistics.CHI2_255_P1E4, "the same test must reject the unmasked vector: " + rawTop);
    }

    @Test
    void maskedUploadAt24BitsIsThreeQuartersOfFloat32() {
        long[] masked = Masking.mask(encodedUpdate(), MaskGeneratorTest.seed(1), Map.of(), "node-m", 24);
        byte[] packed = BitPacking.pack(masked, 24);
        assertEquals(3L * (D + 1), packed.length, "d values and the weight, 3 bytes each");
        // The float32 form of the same content: d values plus the example count in 4 bytes.
        assertTrue(packed.length <= 0.75 * 4 * (D + 1));
        System.out.printf("Masked upload: %d bytes for d=%d, %.5f x of 4d float32 bytes%n", packed.length, D, packed.length / (4.0 * D));
    }

    private long[] encodedUpdate() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] delta = new float[D];
        for (int i = 0; i < D; i++) delta[i] = (float) (rnd.nextGaussian() * 0.01);
        return quantizer.encode(delta, 700, rnd);
    }
}
