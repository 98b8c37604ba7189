package io.fedmq.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable float32 tensor with a shape. Travels as one little-endian binary blob, never as an array
 * of floats. The data is copied in and out; {@link #view()} gives a read-only window for hot loops.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of the given shape; the data is copied. */
    public static Tensor of(int[] shape, float[] data) {
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        return new Tensor(shape.clone(), data.clone());
    }

    /** A one-dimensional tensor; the data is copied. */
    public static Tensor vector(float[] data) {
        return new Tensor(new int[] {data.length}, data.clone());
    }

    /** Wraps an array the caller hands over and never touches again: no copy. For decoders and aggregators. */
    static Tensor adopt(int[] shape, float[] data) {
        if (elementCount(shape) != data.length) throw new IllegalArgumentException("shape does not match data length");
        return new Tensor(shape.clone(), data);
    }

    /** The number of values a shape holds; rejects negative dimensions and overflow. */
    public static long elementCount(int[] shape) {
        if (shape.length == 0) throw new IllegalArgumentException("a tensor needs at least one dimension");
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int[] shape() { return shape.clone(); }

    public int size() { return data.length; }

    public float get(int i) { return data[i]; }

    /** A copy of the values. */
    public float[] toArray() { return data.clone(); }

    /** A read-only view of the values, without copying. */
    public FloatBuffer view() { return FloatBuffer.wrap(data).asReadOnlyBuffer(); }

    /** True when no value is NaN or infinite. */
    public boolean isFinite() {
        for (float v : data) if (!Float.isFinite(v)) return false;
        return true;
    }

    /** The little-endian float32 bytes of the values, as they travel on the wire. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /** SHA-256 of shape and values, hex: how models are named in rounds and logs. */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer s = ByteBuffer.allocate(4 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int d : shape) s.putInt(d);
            md.update(s.array());
            md.update(toBytes());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    /** Shape and size only: a tensor's values never go to a log. */
    @Override
    public String toString() { return "Tensor" + Arrays.toString(shape); }
}
