package io.fedmq.protocol.secagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The mask PRG: expands a 32-byte seed into a vector uniform over Z_(2^bits), with AES-256-CTR keyed by the
 * whole seed. (Flower folds the key to 32 bits to seed numpy and draws with a modulo; here every value takes
 * ceil(bits/8) fresh keystream bytes masked to {@code bits}, which is exactly uniform.)
 *
 * <p>The counter starts at zero for every seed. That is safe because a seed is never reused across masks:
 * self-mask seeds are drawn fresh every round, and pairwise seeds are derived with the round as HKDF salt,
 * so each (key, counter) block is used for one mask of one round. The two nodes of a pair, and the
 * orchestrator removing a dropped node's mask, regenerate the same stream on purpose: it is a mask, not
 * a ciphertext, so nothing is ever XORed under the same keystream twice.
 */
public final class MaskGenerator {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private MaskGenerator() {}

    /**
     * {@code acc[i] = (acc[i] + r_i) mod 2^bits}, or minus with {@code subtract}, where {@code r} is the
     * mask of {@code seed32}. The result is always reduced into [0, 2^bits).
     *
     * @param bits 1 to 63
     */
    public static void addMask(long[] acc, byte[] seed32, int bits, boolean subtract) {
        checkBits(bits);
        int width = (bits + 7) >>> 3;
        long mask = (1L << bits) - 1;
        Keystream stream = new Keystream(Bytes.requireLength(seed32, 32, "mask seed"));
        int perChunk = Keystream.CHUNK / width;
        // 8 spare bytes let every value be read as one little-endian long; bits above `bits` are masked off.
        byte[] buf = new byte[Keystream.CHUNK + 8];
        for (int start = 0; start < acc.length; start += perChunk) {
            int count = Math.min(perChunk, acc.length - start);
            stream.fill(buf, count * width);
            int end = start + count;
            int off = 0;
            if (subtract) {
                for (int i = start; i < end; i++, off += width) acc[i] = (acc[i] - (long) LONG_LE.get(buf, off)) & mask;
            } else {
                for (int i = start; i < end; i++, off += width) acc[i] = (acc[i] + (long) LONG_LE.get(buf, off)) & mask;
            }
        }
    }

    static void checkBits(int bits) {
        if (bits < 1 || bits > 63) throw new IllegalArgumentException("bits must be in [1, 63], got " + bits);
    }
}
