package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {
    @Test
    void packsLowBitsFirstInGoldenBytes() {
        // 1 = 001, 2 = 010, 3 = 011 -> stream bits 100 010 110 -> byte 0 = 0b11010001, byte 1 = 0
        assertArrayEquals(HexFormat.of().parseHex("d100"), BitPacking.pack(new long[] {1, 2, 3}, 3));
        assertArrayEquals(HexFormat.of().parseHex("563412efcdab"), BitPacking.pack(new long[] {0x123456, 0xabcdef}, 24));
    }

    @Test
    void roundTripsEveryWidthAndLength() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int bits = 1; bits <= 63; bits++) {
            for (int n : new int[] {0, 1, 2, 7, 8, 9, 63, 64, 65, 200 + rnd.nextInt(300)}) {
                long[] values = new long[n];
                long max = (1L << bits) - 1;
                for (int i = 0; i < n; i++) values[i] = i % 5 == 0 ? max : i % 7 == 0 ? 0 : rnd.nextLong() & max;
                byte[] packed = BitPacking.pack(values, bits);
                assertEquals((n * (long) bits + 7) / 8, packed.length, "bits=" + bits + " n=" + n);
                assertArrayEquals(values, BitPacking.unpack(packed, n, bits), "bits=" + bits + " n=" + n);
            }
        }
    }

    @Test
    void refusesHostileLengthsAndPadding() {
        byte[] packed = BitPacking.pack(new long[] {1, 2, 3}, 3);
        assertThrows(SecAggException.class, () -> BitPacking.unpack(packed, 6, 3), "count too large for the bytes");
        assertThrows(SecAggException.class, () -> BitPacking.unpack(packed, 2, 3), "extra byte");
        assertThrows(SecAggException.class, () -> BitPacking.unpack(new byte[3], 3, 3));
        assertThrows(SecAggException.class, () -> BitPacking.unpack(packed, -1, 3));
        assertThrows(SecAggException.class, () -> BitPacking.unpack(packed, Integer.MAX_VALUE, 62), "no huge allocation first");
        assertThrows(SecAggException.class, () -> BitPacking.unpack(null, 0, 3));
        byte[] dirty = packed.clone();
        dirty[1] |= 0x80; // a padding bit
        assertThrows(SecAggException.class, () -> BitPacking.unpack(dirty, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.pack(new long[] {8}, 3));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.pack(new long[] {-1}, 3));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.pack(new long[] {1}, 0));
    }

    /** Found by BitPackingFuzzTest on its first (empty) input: width 0 escaped as an IllegalArgumentException. */
    @Test
    void refusesAWidthOutsideOneTo63WithTheDocumentedException() {
        for (int bits : new int[] {0, -1, 64, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            SecAggException e = assertThrows(SecAggException.class, () -> BitPacking.unpack(new byte[0], 0, bits), "bits=" + bits);
            assertEquals("values of " + bits + " bits cannot be unpacked; 1 to 63 can", e.getMessage());
        }
    }

    @Test
    void packsAMillionValuesInMilliseconds() throws Exception {
        long[] values = new long[1_000_000];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < values.length; i++) values[i] = rnd.nextLong() & 0xffffff;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 15; rep++) { // a few rounds so the JIT has compiled both loops
            long start = System.nanoTime();
            byte[] packed = BitPacking.pack(values, 24);
            long[] back = BitPacking.unpack(packed, values.length, 24);
            best = Math.min(best, System.nanoTime() - start);
            assertEquals(values[values.length - 1], back[values.length - 1]);
        }
        System.out.printf("BitPacking: 1M x 24 bits pack + unpack in %.1f ms%n", best / 1e6);
        // Generous, so a loaded CI box does not flake; a byte-at-a-time loop would still pass, a quadratic one not.
        assertEquals(true, best < 200_000_000L, "took " + best / 1e6 + " ms");
    }
}
