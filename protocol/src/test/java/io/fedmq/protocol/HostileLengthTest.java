package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.aggregation.ServerState;
import io.fedmq.protocol.testing.AllocationBudget;
import io.fedmq.protocol.testing.Samples;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Every length field a decoder reads (strings, lists, maps, binaries, tensor shapes and data, shares, node lists)
 * with a hostile value: each payload is a valid message up to the field, whose header then claims far more than
 * is there. Each must fail with a WireFormatException that names the field, and do so before allocating what the
 * header claims.
 *
 * <p>What the allocation check proves: HotSpot's per-thread counter shows the decode allocated under
 * {@link #ALLOCATION_CEILING} on this thread (measured on a second run, after class loading). Allocating from the
 * claimed length would take from 400 KB (a list pre-sized for 99,999 entries) to gigabytes. It does not see
 * native memory or other threads; the decoders use neither.
 */
class HostileLengthTest {
    private static final long ALLOCATION_CEILING = 64 << 10;
    private static final int HUGE = Integer.MAX_VALUE;
    private static final WireCodec CODEC = new WireCodec();

    static Stream<Arguments> hostileFields() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("envelope array", bytes(p -> p.packArrayHeader(HUGE)), "envelope must have 3 fields, has 2147483647"));
        cases.add(Arguments.of("RoundState.modelHash", roundStateUpTo(p -> p.packRawStringHeader(HUGE)), "modelHash is 2147483647 bytes, limit 1024"));
        cases.add(Arguments.of("RoundState.modelHash, under the limit", roundStateUpTo(p -> p.packRawStringHeader(1000)), "truncated: modelHash claims 1000 bytes, 0 remain"));
        cases.add(Arguments.of("RoundState.selected", roundStateUpToSelected(p -> p.packArrayHeader(HUGE)), "selected has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("RoundState.selected, under the limit", roundStateUpToSelected(p -> p.packArrayHeader(99_999)), "truncated: selected claims 99999 entries, 0 bytes remain"));
        cases.add(Arguments.of("GlobalModel.labels", globalModelUpToLabels(p -> p.packArrayHeader(HUGE)), "labels has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("GlobalModel.labels[0]", globalModelUpToLabels(p -> p.packArrayHeader(2).packRawStringHeader(HUGE)), "labels[0] is 2147483647 bytes, limit 1024"));
        cases.add(Arguments.of("tensor shape", globalModelUpToTensor(p -> p.packArrayHeader(2).packArrayHeader(HUGE)), "parameters has 2147483647 dimensions, allowed 1 to 8"));
        cases.add(Arguments.of("tensor dimension", globalModelUpToTensor(p -> p.packArrayHeader(2).packArrayHeader(2).packInt(HUGE).packInt(HUGE)), "parameters exceeds 16777216 values"));
        cases.add(Arguments.of("tensor data", globalModelUpToTensor(p -> p.packArrayHeader(2).packArrayHeader(1).packInt(4_000_000).packBinaryHeader(16_000_000)), "truncated: parameters data claims 16000000 bytes, 0 remain"));
        cases.add(Arguments.of("ModelUpdate.delta data", body(WireCodec.MODEL_UPDATE, 6, p -> p.packLong(1).packString("n1").packLong(1).packLong(1).packDouble(0)
                .packArrayHeader(2).packArrayHeader(1).packInt(1 << 24).packBinaryHeader(1 << 26)), "truncated: delta data claims 67108864 bytes"));
        cases.add(Arguments.of("KeyRoster.keys", body(WireCodec.KEY_ROSTER, 2, p -> p.packLong(1).packArrayHeader(HUGE)), "keys has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("KeyAdvertisement.encryptionKey", body(WireCodec.KEY_ADVERTISEMENT, 4, p -> p.packLong(1).packString("n1").packBinaryHeader(HUGE)), "truncated: encryptionKey claims 2147483647 bytes, 0 remain"));
        cases.add(Arguments.of("EncryptedShares.byRecipient", body(WireCodec.ENCRYPTED_SHARES, 4, p -> p.packLong(1).packString("n1").packBinaryHeader(32).writePayload(new byte[32]).packMapHeader(HUGE)), "byRecipient has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("EncryptedShares.byRecipient, under the limit", body(WireCodec.ENCRYPTED_SHARES, 4, p -> p.packLong(1).packString("n1").packBinaryHeader(32).writePayload(new byte[32]).packMapHeader(50_000)), "truncated: byRecipient claims 50000 entries, 0 bytes remain"));
        cases.add(Arguments.of("ShareBundle.bySender value", body(WireCodec.SHARE_BUNDLE, 3, p -> p.packLong(1).packString("n2").packMapHeader(1).packString("n1").packBinaryHeader(HUGE)), "truncated: bySender[n1] claims 2147483647 bytes, 0 remain"));
        cases.add(Arguments.of("MaskedInput.packed", body(WireCodec.MASKED_INPUT, 7, p -> p.packLong(1).packString("n1").packLong(1).packInt(24).packInt(HUGE).packDouble(0).packBinaryHeader(HUGE)), "truncated: packed claims 2147483647 bytes, 0 remain"));
        cases.add(Arguments.of("MaskedInput.length", body(WireCodec.MASKED_INPUT, 7, p -> p.packLong(1).packString("n1").packLong(1).packInt(24).packInt(HUGE).packDouble(0).packBinaryHeader(3).writePayload(new byte[3])), "2147483647 values of 24 bits need 6442450941 bytes, got 3"));
        cases.add(Arguments.of("UnmaskRequest.survivors", body(WireCodec.UNMASK_REQUEST, 3, p -> p.packLong(1).packArrayHeader(HUGE)), "survivors has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("UnmaskShares.keyShares", body(WireCodec.UNMASK_SHARES, 4, p -> p.packLong(1).packString("n1").packMapHeader(0).packMapHeader(HUGE)), "keyShares has 2147483647 entries, limit 100000"));
        cases.add(Arguments.of("RoundOutcome.reason", body(WireCodec.ROUND_OUTCOME, 14, p -> p.packLong(1).packBoolean(false).packLong(0).packLong(1).packRawStringHeader(HUGE)), "reason is 2147483647 bytes, limit 1024"));
        cases.add(Arguments.of("NodeStatus.nodeId", body(WireCodec.NODE_STATUS, 4, p -> p.packRawStringHeader(HUGE)), "nodeId is 2147483647 bytes, limit 1024"));
        cases.add(Arguments.of("bin32 beyond 2^31", bytes(p -> p.packArrayHeader(3).packInt(1).packInt(WireCodec.KEY_ADVERTISEMENT).packArrayHeader(4).packLong(1).packString("n1")
                .addPayload(new byte[] {(byte) 0xc6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})), "malformed MessagePack"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFields")
    void aLengthFieldClaimingMoreThanThereIsFailsFastWithoutAllocatingIt(String field, byte[] payload, String expected) throws Exception {
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.decode(payload), field);
        assertTrue(e.getMessage().contains(expected), field + ": " + e.getMessage());
        assertAllocatesLittle(() -> decodeQuietly(payload), field + " (" + payload.length + " bytes)");
    }

    /**
     * The check is against the bytes that remain, not the whole payload: a 1 MiB roster whose last key claims
     * 900,000 bytes, when none are left, used to allocate them before noticing.
     */
    @org.junit.jupiter.api.Test
    void aLengthNearTheEndIsCheckedAgainstWhatRemainsNotTheWholePayload() throws Exception {
        int n = 14_000; // about 75 bytes each: just over 1 MiB
        byte[] payload = body(WireCodec.KEY_ROSTER, 2, p -> {
            p.packLong(1).packArrayHeader(n);
            for (int i = 0; i < n - 1; i++) {
                p.packArrayHeader(4).packLong(1).packString(String.format("n%05d", i))
                        .packBinaryHeader(32).writePayload(new byte[32]).packBinaryHeader(32).writePayload(new byte[32]);
            }
            p.packArrayHeader(4).packLong(1).packString("n99999").packBinaryHeader(32).writePayload(new byte[32]).packBinaryHeader(900_000);
        });
        assertTrue(payload.length > 1_000_000 && payload.length < WireLimits.DEFAULT.maxMessageBytes());
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.decode(payload));
        assertEquals("truncated: maskingKey claims 900000 bytes, 0 remain", e.getMessage());
    }

    /** A well-formed message decodes to little more than its own size: tensor values are not copied twice. */
    @org.junit.jupiter.api.Test
    void aLargeModelDecodesToAboutItsOwnSize() throws Exception {
        byte[] payload = CODEC.encode(Samples.model(1, new float[1 << 18])); // 1 MiB of parameters
        decodeQuietly(payload);
        long used = AllocationBudget.measure(() -> CODEC.decode(payload));
        assertTrue(used < payload.length + ALLOCATION_CEILING, "decoding " + payload.length + " bytes allocated " + used);
    }

    @org.junit.jupiter.api.Test
    void aServerStateMomentClaimingMoreThanRemainsFailsFast() throws Exception {
        byte[] payload = bytes(p -> p.packArrayHeader(4).packInt(1).packLong(3).packBinaryHeader(HUGE));
        WireFormatException e = assertThrows(WireFormatException.class, () -> ServerState.decode(payload));
        assertTrue(e.getMessage().contains("moment of 2147483647 bytes, 0 remain"), e.getMessage());
        assertAllocatesLittle(() -> {
            try {
                ServerState.decode(payload);
            } catch (WireFormatException expected) {
                // measured, not checked again
            }
        }, "ServerState");
    }

    private static void assertAllocatesLittle(AllocationBudget.ThrowingRunnable decode, String what) throws Exception {
        decode.run(); // class loading and call-site linking happen once; measure the steady state
        long used = AllocationBudget.measure(decode);
        assertTrue(used < ALLOCATION_CEILING, what + " allocated " + used + " bytes");
    }

    private static void decodeQuietly(byte[] payload) {
        try {
            CODEC.decode(payload);
        } catch (WireFormatException expected) {
            // only the allocation is of interest here
        }
    }

    @FunctionalInterface
    private interface Packing {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static byte[] bytes(Packing packing) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            packing.pack(p);
            return p.toByteArray();
        }
    }

    /** An envelope and a body of {@code fields} fields, of which {@code packing} writes the first few. */
    private static byte[] body(int tag, int fields, Packing packing) throws IOException {
        return bytes(p -> {
            p.packArrayHeader(3).packInt(WireCodec.WIRE_VERSION).packInt(tag).packArrayHeader(fields);
            packing.pack(p);
        });
    }

    private static byte[] roundStateUpTo(Packing modelHash) throws IOException {
        return body(WireCodec.ROUND_STATE, 8, p -> {
            p.packLong(1).packInt(0).packLong(1);
            modelHash.pack(p);
        });
    }

    private static byte[] roundStateUpToSelected(Packing selected) throws IOException {
        return body(WireCodec.ROUND_STATE, 8, p -> {
            p.packLong(1).packInt(0).packLong(1).packString("ab".repeat(32)).packArrayHeader(4).packInt(1).packInt(32).packDouble(0.01).packDouble(0);
            selected.pack(p);
        });
    }

    private static byte[] globalModelUpToLabels(Packing labels) throws IOException {
        return body(WireCodec.GLOBAL_MODEL, 5, p -> {
            p.packLong(1).packLong(0).packLong(0).packArrayHeader(3).packString("surnames").packString("cnn");
            labels.pack(p);
        });
    }

    private static byte[] globalModelUpToTensor(Packing tensor) throws IOException {
        return globalModelUpToLabels(p -> {
            p.packArrayHeader(2).packString("a").packString("b");
            tensor.pack(p);
        });
    }
}
