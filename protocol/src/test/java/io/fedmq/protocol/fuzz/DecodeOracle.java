package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fedmq.protocol.Message;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.testing.AllocationBudget;

/**
 * What the fuzz targets demand of {@link WireCodec} for any bytes at all:
 * <ol>
 *   <li>decoding either returns a message or throws {@link WireFormatException} with a message; anything else
 *       escaping (NegativeArraySize, IndexOutOfBounds, ClassCast, OutOfMemoryError ...) fails the target;
 *   <li>it allocates no more than {@link AllocationBudget#forInput} for the payload's size;
 *   <li>a message it returns re-encodes to bytes that decode to an equal message, and those bytes are stable
 *       (encoding the copy gives the same bytes): what one node accepts, every node reads the same way.
 * </ol>
 * The fuzzed bytes themselves need not be canonical: MessagePack has several encodings of one integer.
 */
final class DecodeOracle {
    static final WireCodec CODEC = new WireCodec();

    private DecodeOracle() {}

    static <T extends Message> void check(byte[] bytes, Class<T> type) throws Exception {
        T decoded = AllocationBudget.within(AllocationBudget.forInput(bytes.length),
                "decoding " + bytes.length + " bytes as " + type.getSimpleName(), () -> decodeOrNull(bytes, type));
        if (decoded == null) return;
        byte[] encoded = CODEC.encode(decoded);
        T again = CODEC.decode(encoded, type);
        assertEquals(decoded, again, "a decoded " + type.getSimpleName() + " must survive re-encoding");
        assertArrayEquals(encoded, CODEC.encode(again), "encoding must be stable");
    }

    private static <T extends Message> T decodeOrNull(byte[] bytes, Class<T> type) {
        try {
            return CODEC.decode(bytes, type);
        } catch (WireFormatException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
            return null;
        }
    }
}
