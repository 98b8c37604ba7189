package io.fedmq.protocol.secagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Packs values of {@code bits} bits each into a dense little-endian bit stream: value i occupies stream bits
 * [i * bits, (i + 1) * bits), and stream bit j is bit (j mod 8) of byte j / 8. A masked update at 24 bits
 * per value is 3/4 the size of float32. Whole 64-bit words are moved at a time, since this runs once per
 * upload over the full model.
 */
public final class BitPacking {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private BitPacking() {}

    /** The exact packed size: ceil(count * bits / 8) bytes. */
    public static long packedLength(long count, int bits) {
        MaskGenerator.checkBits(bits);
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        return (Math.multiplyExact(count, bits) + 7) / 8;
    }

    /**
     * Packs {@code values}, each in [0, 2^bits).
     *
     * @param bits 1 to 63
     */
    public static byte[] pack(long[] values, int bits) {
        long length = packedLength(values.length, bits);
        if (length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many values to pack: " + values.length);
        byte[] out = new byte[(int) length];
        long acc = 0;     // pending stream bits, lowest first
        int pending = 0;  // how many, always < 64
        int pos = 0;
        long outOfRange = 0;
        for (long v : values) {
            outOfRange |= v >>> bits; // checked once at the end: keeps the loop branch-free
            acc |= v << pending;
            pending += bits;
            if (pending >= 64) {
                LONG_LE.set(out, pos, acc);
                pos += 8;
                pending -= 64;
                // The bits of v that did not fit; shifting by 64 would be a no-op in Java, hence the guard.
                acc = pending == 0 ? 0 : v >>> (bits - pending);
            }
        }
        if (outOfRange != 0) throw new IllegalArgumentException("a value is outside [0, 2^" + bits + ")");
        for (; pending > 0; pending -= 8, acc >>>= 8) out[pos++] = (byte) acc;
        return out;
    }

    /**
     * Unpacks {@code count} values of {@code bits} bits.
     *
     * @throws SecAggException when {@code bits} is outside [1, 63], {@code count} is negative, {@code packed} is
     *                         not exactly {@link #packedLength} bytes or its padding bits are not zero (one vector,
     *                         one encoding): every way the three can disagree is this one exception, since all
     *                         three come from a node's message
     */
    public static long[] unpack(byte[] packed, int count, int bits) throws SecAggException {
        if (bits < 1 || bits > 63) throw new SecAggException("values of " + bits + " bits cannot be unpacked; 1 to 63 can");
        if (count < 0) throw new SecAggException("negative value count " + count);
        long expected = packedLength(count, bits);
        if (packed == null || packed.length != expected) {
            throw new SecAggException("packed vector of " + count + " x " + bits + " bits must be " + expected
                    + " bytes, got " + (packed == null ? "none" : packed.length));
        }
        long[] out = new long[count];
        long mask = (1L << bits) - 1;
        long acc = 0;
        int pending = 0;
        int pos = 0;
        int fullWords = packed.length / 8;
        for (int i = 0; i < count; i++) {
            if (pending >= bits) {
                out[i] = acc & mask;
                acc >>>= bits;
                pending -= bits;
            } else {
                long word;
                int wordBits;
                if (pos < fullWords * 8) {
                    word = (long) LONG_LE.get(packed, pos);
                    wordBits = 64;
                    pos += 8;
                } else {
                    word = 0;
                    wordBits = 0;
                    for (; pos < packed.length; pos++, wordBits += 8) word |= (packed[pos] & 0xffL) << wordBits;
                }
                out[i] = (acc | (word << pending)) & mask;
                int used = bits - pending; // taken from word, 1..63
                acc = word >>> used;
                pending = wordBits - used;
            }
        }
        if (pending > 0 && acc != 0) throw new SecAggException("packed vector has non-zero padding bits");
        return out;
    }
}
