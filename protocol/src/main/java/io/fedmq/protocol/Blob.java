package io.fedmq.protocol;

import java.util.Arrays;

/** Immutable bytes with value equality: keys, ciphertexts, packed vectors. Copied in and out. */
public final class Blob {
    private final byte[] bytes;

    private Blob(byte[] bytes) { this.bytes = bytes; }

    public static Blob of(byte[] bytes) { return new Blob(bytes.clone()); }

    /** Takes ownership without a copy: for decoders that just allocated the array. */
    static Blob adopt(byte[] bytes) { return new Blob(bytes); }

    public byte[] toArray() { return bytes.clone(); }

    public int size() { return bytes.length; }

    @Override
    public boolean equals(Object o) { return o instanceof Blob b && Arrays.equals(bytes, b.bytes); }

    @Override
    public int hashCode() { return Arrays.hashCode(bytes); }

    /** The size only: blobs hold keys and ciphertexts, which never go to a log. */
    @Override
    public String toString() { return "Blob[" + bytes.length + " B]"; }
}
