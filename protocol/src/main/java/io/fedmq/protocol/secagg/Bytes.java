package io.fedmq.protocol.secagg;

import java.nio.charset.StandardCharsets;

/** Byte encodings shared by the key-derivation and cipher code, kept in one place so both sides agree. */
final class Bytes {
    private Bytes() {}

    /** The round number as 8 big-endian bytes: the HKDF salt that makes every derived key single-round. */
    static byte[] round(long round) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) round;
            round >>>= 8;
        }
        return b;
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Concatenates length-prefixed fields, so that ("ab","c") and ("a","bc") never encode alike. */
    static byte[] framed(byte[]... fields) {
        int len = 0;
        for (byte[] f : fields) len += 4 + f.length;
        byte[] out = new byte[len];
        int p = 0;
        for (byte[] f : fields) {
            out[p++] = (byte) (f.length >>> 24);
            out[p++] = (byte) (f.length >>> 16);
            out[p++] = (byte) (f.length >>> 8);
            out[p++] = (byte) f.length;
            System.arraycopy(f, 0, out, p, f.length);
            p += f.length;
        }
        return out;
    }

    static byte[] requireLength(byte[] b, int length, String what) {
        if (b == null) throw new IllegalArgumentException(what + " is required");
        if (b.length != length) throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length);
        return b;
    }
}
