package io.fedmq.protocol.secagg;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), built on the JDK's {@code HmacSHA256}: every key secure aggregation uses
 * is derived from an X25519 agreement through this, with the round as salt and the purpose as info, so that
 * no key serves two purposes or two rounds.
 */
public final class Hkdf {
    private static final int HASH_LEN = 32;

    private Hkdf() {}

    /**
     * Extract-then-expand.
     *
     * @param ikm    the input keying material
     * @param salt   the salt; {@code null} or empty means RFC 5869's default, 32 zero bytes
     * @param info   the context; {@code null} means empty
     * @param length how many bytes to derive, 1 to 8160 (255 * 32)
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (ikm == null) throw new IllegalArgumentException("ikm is required");
        if (length < 1 || length > 255 * HASH_LEN) throw new IllegalArgumentException("length must be in [1, 8160], got " + length);
        // The JDK refuses an empty HMAC key; RFC 5869 defines the empty salt as HashLen zero bytes, which HMAC
        // pads to the same block anyway.
        byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
        byte[] i = info == null ? new byte[0] : info;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(s, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            for (int block = 1, off = 0; off < length; block++) {
                mac.update(t);
                mac.update(i);
                mac.update((byte) block);
                t = mac.doFinal();
                int n = Math.min(HASH_LEN, length - off);
                System.arraycopy(t, 0, out, off, n);
                off += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
