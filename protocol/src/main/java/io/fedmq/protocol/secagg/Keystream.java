package io.fedmq.protocol.secagg;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deterministic pseudo-random byte stream: the AES-256-CTR keystream of a 32-byte key, counter starting
 * at zero. Used where two parties must draw the same randomness from a shared seed (masks, the neighbour
 * graph). Never used to encrypt: the zero IV is safe because each key yields one stream per purpose and
 * round (see {@link MaskGenerator}).
 */
final class Keystream {
    /** Bytes produced per cipher call: a multiple of 16 and of every value width 1..8 bytes. */
    static final int CHUNK = 65520;
    private static final byte[] ZEROS = new byte[CHUNK];

    private final Cipher cipher;
    private final byte[] small = new byte[64];
    private int smallPos = small.length;

    Keystream(byte[] key32) {
        Bytes.requireLength(key32, 32, "keystream key");
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key32, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is part of every Java 17 runtime", e);
        }
    }

    /** Writes the next {@code length} (at most {@link #CHUNK}) keystream bytes to {@code out[0..length)}. */
    void fill(byte[] out, int length) {
        try {
            // Encrypting zeros yields the bare keystream; CTR keeps its counter across update() calls.
            cipher.update(ZEROS, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A uniform int in [0, bound), by rejection so that no value is favoured. */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            if (smallPos + 4 > small.length) {
                fill(small, small.length);
                smallPos = 0;
            }
            long r = (small[smallPos] & 0xffL) | (small[smallPos + 1] & 0xffL) << 8
                    | (small[smallPos + 2] & 0xffL) << 16 | (small[smallPos + 3] & 0xffL) << 24;
            smallPos += 4;
            if (r < limit) return (int) (r % bound);
        }
    }
}
