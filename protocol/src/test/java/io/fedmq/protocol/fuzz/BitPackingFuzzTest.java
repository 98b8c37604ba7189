package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedmq.protocol.secagg.BitPacking;
import io.fedmq.protocol.secagg.SecAggException;
import io.fedmq.protocol.testing.AllocationBudget;

/**
 * Fuzz targets for {@link BitPacking}: the orchestrator unpacks every masked input with it. Lengths and widths
 * are fuzzed too, half the time anywhere in the int range and half the time near the values that matter.
 */
class BitPackingFuzzTest {
    /**
     * Any count, width and bytes: a {@link SecAggException} (nothing else, within the heap budget), or values
     * that pack back to exactly the same bytes (one vector, one encoding).
     */
    @FuzzTest(maxDuration = "5m")
    void unpack(FuzzedDataProvider data) throws Exception {
        int bits = data.consumeBoolean() ? data.consumeInt() : data.consumeInt(-1, 65);
        int count = data.consumeBoolean() ? data.consumeInt() : data.consumeInt(-1, 5000);
        byte[] packed = data.consumeRemainingAsBytes();
        long[] values = AllocationBudget.within(AllocationBudget.forInput(packed.length),
                "unpacking " + count + " x " + bits + " bits from " + packed.length + " bytes", () -> unpackOrNull(packed, count, bits));
        if (values == null) return;
        assertArrayEquals(packed, BitPacking.pack(values, bits));
    }

    /** Values of any valid width survive packing and unpacking. */
    @FuzzTest(maxDuration = "5m")
    void packThenUnpack(FuzzedDataProvider data) throws Exception {
        int bits = data.consumeInt(1, 63);
        long[] values = data.consumeLongs(4096);
        for (int i = 0; i < values.length; i++) values[i] &= (1L << bits) - 1;
        byte[] packed = BitPacking.pack(values, bits);
        assertArrayEquals(values, BitPacking.unpack(packed, values.length, bits));
    }

    private static long[] unpackOrNull(byte[] packed, int count, int bits) {
        try {
            return BitPacking.unpack(packed, count, bits);
        } catch (SecAggException e) {
            return null;
        }
    }
}
