package io.fedmq.protocol.aggregation;

import io.fedmq.protocol.WireFormatException;
import java.io.IOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * What a server optimizer remembers between rounds: how many steps it took and its first and second moment
 * estimates (empty arrays for stateless strategies). Immutable; encoded to bytes so the orchestrator can keep
 * it next to the model version it produced.
 */
public final class ServerState {
    public static final ServerState EMPTY = new ServerState(0, new float[0], new float[0]);
    private static final int FORMAT = 1;

    private final long steps;
    private final float[] first;
    private final float[] second;

    public ServerState(long steps, float[] first, float[] second) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0");
        if (first.length != second.length) throw new IllegalArgumentException("moments differ in length");
        this.steps = steps;
        this.first = first.clone();
        this.second = second.clone();
    }

    public long steps() { return steps; }

    public boolean isEmpty() { return first.length == 0; }

    public float[] first() { return first.clone(); }

    public float[] second() { return second.clone(); }

    /** The moments, or zeros of {@code dimension} when there are none yet; a mismatch is an error. */
    public float[][] momentsFor(int dimension) {
        if (isEmpty()) return new float[][] {new float[dimension], new float[dimension]};
        if (first.length != dimension) {
            throw new IllegalArgumentException("optimizer state has " + first.length + " values, model has " + dimension);
        }
        return new float[][] {first.clone(), second.clone()};
    }

    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packInt(FORMAT).packLong(steps);
            pack(p, first);
            pack(p, second);
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory packing failed", e);
        }
    }

    public static ServerState decode(byte[] bytes) throws WireFormatException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (u.unpackArrayHeader() != 4) throw new WireFormatException("optimizer state: wrong layout");
            int format = u.unpackInt();
            if (format != FORMAT) throw new WireFormatException("optimizer state format " + format + ", expected " + FORMAT);
            long steps = u.unpackLong();
            float[] first = unpack(u, bytes.length);
            float[] second = unpack(u, bytes.length);
            if (u.hasNext()) throw new WireFormatException("optimizer state: trailing bytes");
            return new ServerState(steps, first, second);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("optimizer state is damaged: " + e.getMessage());
        }
    }

    private static void pack(MessageBufferPacker p, float[] v) throws IOException {
        byte[] raw = new byte[v.length * 4];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
        p.packBinaryHeader(raw.length).writePayload(raw);
    }

    /** Checks the claimed length against the bytes left before allocating, and reads without an extra copy. */
    private static float[] unpack(MessageUnpacker u, int inputBytes) throws IOException, WireFormatException {
        int n = u.unpackBinaryHeader();
        long left = inputBytes - u.getTotalReadBytes();
        if (n < 0 || n % 4 != 0 || n > left) throw new WireFormatException("optimizer state: moment of " + n + " bytes, " + left + " remain");
        float[] v = new float[n / 4];
        u.readPayloadAsReference(n).sliceAsByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerState s && s.steps == steps && Arrays.equals(s.first, first) && Arrays.equals(s.second, second);
    }

    @Override
    public int hashCode() { return Long.hashCode(steps) * 31 + Arrays.hashCode(first); }
}
