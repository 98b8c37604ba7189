package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MaskGeneratorTest {
    @Test
    void isTheAes256CtrKeystreamWithAZeroCounter() {
        // AES-256, zero key, counter blocks 0 and 1 (checked against `openssl enc -aes-256-ctr`).
        byte[] keystream = HexFormat.of().parseHex("dc95c078a2408989ad48a21492842087530f8afbc74536b9a963b4f1c4cb738b");
        long[] bytes = new long[32];
        MaskGenerator.addMask(bytes, new byte[32], 8, false);
        for (int i = 0; i < 32; i++) assertTrue(bytes[i] == (keystream[i] & 0xff), "byte " + i);
        long[] triples = new long[2];
        MaskGenerator.addMask(triples, new byte[32], 24, false);
        assertArrayEquals(new long[] {0xc095dc, 0x40a278}, triples, "3 little-endian bytes per value at 24 bits");
        long[] elevens = new long[2];
        MaskGenerator.addMask(elevens, new byte[32], 11, false);
        assertArrayEquals(new long[] {0x95dc & 0x7ff, 0x78c0 & 0x7ff}, elevens, "2 bytes per value, masked to 11 bits");
    }

    @Test
    void theSameSeedGivesTheSameMaskAndSubtractingUndoesAdding() {
        byte[] seed = seed(1);
        long[] a = new long[200_001];
        long[] b = new long[200_001]; // longer than one keystream chunk, odd length
        MaskGenerator.addMask(a, seed, 24, false);
        MaskGenerator.addMask(b, seed, 24, false);
        assertArrayEquals(a, b);
        long[] c = new long[a.length];
        MaskGenerator.addMask(c, seed(2), 24, false);
        assertFalse(Arrays.equals(a, c));
        long[] x = new long[a.length];
        for (int i = 0; i < x.length; i++) x[i] = (i * 2654435761L) & 0xffffff;
        long[] y = x.clone();
        MaskGenerator.addMask(y, seed, 24, false);
        assertFalse(Arrays.equals(x, y));
        MaskGenerator.addMask(y, seed, 24, true);
        assertArrayEquals(x, y);
    }

    @Test
    void masksAreUniformOverTheGroup() {
        for (int bits : new int[] {8, 13, 24, 62}) {
            long[] mask = new long[100_000];
            MaskGenerator.addMask(mask, seed(bits), bits, false);
            for (long v : mask) assertTrue(v >= 0 && v < 1L << bits);
            double top = Statistics.chiSquare(mask, v -> (int) (v >>> (bits - 8)), 256);
            double low = Statistics.chiSquare(mask, v -> (int) (v & 255), 256);
            assertTrue(top < Statistics.CHI2_255_P1E4, "bits=" + bits + " top byte chi2=" + top);
            assertTrue(low < Statistics.CHI2_255_P1E4, "bits=" + bits + " low byte chi2=" + low);
        }
    }

    static byte[] seed(int v) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) v);
        s[0] = 42;
        return s;
    }
}
