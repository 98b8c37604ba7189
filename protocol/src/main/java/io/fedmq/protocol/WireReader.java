package io.fedmq.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageUnpacker;

/**
 * {@link WireCodec}'s reading side. Reads fields with a name for every error, and checks every length before it
 * allocates: against its limit, and against the bytes of the payload not yet read, so that what a message decodes
 * to is never more than a small multiple of its size (a header claiming 2^31 entries in a 20-byte payload fails
 * before anything is allocated). Strings must be valid UTF-8, so that one message has one encoding.
 */
final class WireReader {
    private final MessageUnpacker u;
    private final int inputBytes;
    private final WireLimits limits;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    WireReader(MessageUnpacker u, int inputBytes, WireLimits limits) {
        this.u = u;
        this.inputBytes = inputBytes;
        this.limits = limits;
    }

    /** Payload bytes not read yet. */
    private long remaining() { return inputBytes - u.getTotalReadBytes(); }

    /** Refuses a length field that claims more bytes than the payload has left. */
    private void requireBytes(long claimed, String what) throws WireFormatException {
        long left = remaining();
        if (claimed > left) throw new WireFormatException("truncated: " + what + " claims " + claimed + " bytes, " + left + " remain");
    }

    /**
     * Refuses an entry count above the limit, or above what the rest of the payload could hold: every entry
     * takes at least {@code minBytes} bytes on the wire.
     */
    private void requireEntries(int claimed, int minBytes, String what) throws WireFormatException {
        if (claimed > limits.maxListLength()) {
            throw new WireFormatException(what + " has " + claimed + " entries, limit " + limits.maxListLength());
        }
        long left = remaining();
        if ((long) claimed * minBytes > left) {
            throw new WireFormatException("truncated: " + what + " claims " + claimed + " entries, " + left + " bytes remain");
        }
    }

    private void expectMore(String what) throws WireFormatException {
        try {
            if (!u.hasNext()) throw new WireFormatException("truncated: " + what + " is missing");
        } catch (IOException e) {
            throw new WireFormatException("truncated at " + what, e);
        }
    }

    void arrayHeader(int expected, String what) throws IOException, WireFormatException {
        expectMore(what);
        int n = u.unpackArrayHeader();
        if (n != expected) throw new WireFormatException(what + " must have " + expected + " fields, has " + n);
    }

    int intValue(String what) throws IOException, WireFormatException {
        expectMore(what);
        return u.unpackInt();
    }

    long longValue(String what) throws IOException, WireFormatException {
        expectMore(what);
        return u.unpackLong();
    }

    double doubleValue(String what) throws IOException, WireFormatException {
        expectMore(what);
        return u.unpackDouble();
    }

    String string(String what) throws IOException, WireFormatException {
        expectMore(what);
        int n = u.unpackRawStringHeader();
        if (n > limits.maxStringBytes()) throw new WireFormatException(what + " is " + n + " bytes, limit " + limits.maxStringBytes());
        requireBytes(n, what);
        if (n == 0) return "";
        ByteBuffer raw = u.readPayloadAsReference(n).sliceAsByteBuffer();
        try {
            return utf8.decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(what + " is not valid UTF-8", e);
        }
    }

    List<String> strings(String what) throws IOException, WireFormatException {
        int n = listHeader(what);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(string(what + "[" + i + "]"));
        return out;
    }

    boolean bool(String what) throws IOException, WireFormatException {
        expectMore(what);
        return u.unpackBoolean();
    }

    boolean nil(String what) throws IOException, WireFormatException {
        expectMore(what);
        if (u.getNextFormat() == org.msgpack.core.MessageFormat.NIL) {
            u.unpackNil();
            return true;
        }
        return false;
    }

    int listHeader(String what) throws IOException, WireFormatException {
        expectMore(what);
        int n = u.unpackArrayHeader();
        requireEntries(n, 1, what);
        return n;
    }

    Blob blob(String what) throws IOException, WireFormatException {
        expectMore(what);
        int n = u.unpackBinaryHeader();
        requireBytes(n, what);
        return Blob.adopt(u.readPayload(n));
    }

    java.util.Map<String, Blob> blobMap(String what) throws IOException, WireFormatException {
        expectMore(what);
        int n = u.unpackMapHeader();
        requireEntries(n, 2, what); // a key and a value
        java.util.Map<String, Blob> out = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = string(what + " key");
            if (out.put(key, blob(what + "[" + key + "]")) != null) throw new WireFormatException(what + " repeats key " + key);
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(E[] values, String what) throws IOException, WireFormatException {
        int i = intValue(what);
        if (i < 0 || i >= values.length) throw new WireFormatException("unknown " + what + " " + i);
        return values[i];
    }

    /** The values are read straight from the payload into the float array: no intermediate byte copy. */
    Tensor tensor(String what) throws IOException, WireFormatException {
        arrayHeader(2, what);
        expectMore(what + " shape");
        int dims = u.unpackArrayHeader();
        if (dims < 1 || dims > WireCodec.MAX_TENSOR_DIMENSIONS) {
            throw new WireFormatException(what + " has " + dims + " dimensions, allowed 1 to " + WireCodec.MAX_TENSOR_DIMENSIONS);
        }
        int[] shape = new int[dims];
        long count = 1;
        for (int i = 0; i < dims; i++) {
            shape[i] = intValue(what + " dimension");
            if (shape[i] < 0) throw new WireFormatException(what + " has a negative dimension");
            count *= shape[i];
            if (count > limits.maxTensorElements()) {
                throw new WireFormatException(what + " exceeds " + limits.maxTensorElements() + " values");
            }
        }
        expectMore(what + " data");
        int bytes = u.unpackBinaryHeader();
        if (bytes != count * Float.BYTES) {
            throw new WireFormatException(what + " data is " + bytes + " bytes, its shape needs " + count * Float.BYTES);
        }
        requireBytes(bytes, what + " data");
        float[] values = new float[(int) count];
        u.readPayloadAsReference(bytes).sliceAsByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return Tensor.adopt(shape, values);
    }
}
