package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.testing.Samples;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final WireCodec codec = new WireCodec();

    @Test
    void everyMessageKindRoundTrips() throws Exception {
        for (Message m : Samples.allKinds()) {
            assertEquals(m, codec.decode(codec.encode(m)), m.getClass().getSimpleName());
        }
    }

    @Test
    void everyTruncationOfEveryMessageIsATypedError() {
        for (Message m : Samples.allKinds()) {
            byte[] full = codec.encode(m);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThrows(WireFormatException.class, () -> codec.decode(cut), m.getClass().getSimpleName() + " cut to " + len);
            }
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUncheckedException() {
        Random rnd = new Random(42);
        int rejected = 0;
        for (Message m : Samples.allKinds()) {
            byte[] full = codec.encode(m);
            for (int i = 0; i < 2000; i++) {
                byte[] bad = full.clone();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                try {
                    codec.decode(bad); // may legitimately still decode (e.g. a changed number)
                } catch (WireFormatException e) {
                    rejected++;
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                }
            }
        }
        assertTrue(rejected > 1000, "most corruptions should be rejected, were " + rejected);
    }

    @Test
    void rejectsAnUnknownWireVersionByName() {
        byte[] bytes = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        bytes[1] = 0x02;
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bytes));
        assertTrue(e.getMessage().contains("unsupported wire version 2"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownTypeTag() {
        byte[] bytes = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        bytes[2] = 0x7f;
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bytes));
        assertTrue(e.getMessage().contains("unknown message type tag 127"), e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] ok = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        byte[] longer = Arrays.copyOf(ok, ok.length + 1);
        assertThrows(WireFormatException.class, () -> codec.decode(longer));
    }

    @Test
    void rejectsOversizedPayloadsBeforeParsing() {
        WireCodec small = new WireCodec(new WireLimits(1024, 100, 10, 64));
        WireFormatException e = assertThrows(WireFormatException.class, () -> small.decode(new byte[2048]));
        assertTrue(e.getMessage().contains("exceeds the limit of 1024"), e.getMessage());
    }

    @Test
    void rejectsATensorLargerThanTheLimitWithoutAllocatingIt() {
        WireCodec small = new WireCodec(new WireLimits(1 << 20, 100, 10, 64));
        byte[] big = codec.encode(new ModelUpdate(1, "n1", 1, 1, 0, Tensor.vector(new float[101])));
        WireFormatException e = assertThrows(WireFormatException.class, () -> small.decode(big));
        assertTrue(e.getMessage().contains("exceeds 100 values"), e.getMessage());
    }

    @Test
    void rejectsATrainingPlanWithoutProximalMuByName() {
        // The 3-field plan of builds before FedProx: such a peer is out of date, and the error should say where.
        RoundState s = new RoundState(4, RoundState.Phase.TRAINING, 3, "ab".repeat(32), Samples.PLAN, List.of("n1"), 1000, null);
        String current = HexFormat.of().formatHex(codec.encode(s));
        String plan = "940220cb3f847ae147ae147bcb0000000000000000";
        assertTrue(current.contains(plan), current);
        byte[] old = HexFormat.of().parseHex(current.replace(plan, "930220cb3f847ae147ae147b"));
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(old));
        assertTrue(e.getMessage().contains("TrainingPlan must have 4 fields, has 3"), e.getMessage());
    }

    @Test
    void rejectsALengthFieldThatClaimsMoreThanThePayloadHas() {
        byte[] hostile = HexFormat.of().parseHex(
                "930104" + "96" + "07" + "a26e31" + "01" + "01" + "cb0000000000000000" // ModelUpdate header fields
                + "92" + "91cd03e8"                                                    // tensor shape [1000]
                + "c6" + "00000fa0");                                                  // bin32 claims 4000 bytes, none follow
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(hostile));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsATensorWhoseDataDoesNotMatchItsShape() {
        byte[] good = codec.encode(new ModelUpdate(1, "n1", 1, 1, 0, Tensor.vector(new float[] {1, 2})));
        byte[] bad = good.clone();
        int shapeAt = indexOf(bad, new byte[] {(byte) 0x91, 0x02});
        bad[shapeAt + 1] = 0x03; // shape now says 3 values, data holds 2
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bad));
        assertTrue(e.getMessage().contains("its shape needs 12"), e.getMessage());
    }

    @Test
    void rejectsNanWeightsInAnUpdate() {
        byte[] good = codec.encode(new ModelUpdate(1, "n1", 1, 1, 0, Tensor.vector(new float[] {1, 2})));
        byte[] bad = good.clone();
        int dataAt = indexOf(bad, new byte[] {(byte) 0xc4, 0x08}) + 2;
        bad[dataAt + 2] = (byte) 0xc0; // 0x7fc00000 = NaN
        bad[dataAt + 3] = 0x7f;
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bad));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsAnInvalidNodeIdInsideTheMessage() {
        byte[] good = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        byte[] bad = good.clone();
        bad[5] = '#';
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bad));
        assertTrue(e.getMessage().startsWith("invalid message"), e.getMessage());
    }

    @Test
    void decodeWithTypeRefusesTheWrongKind() {
        byte[] status = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(status, ModelUpdate.class));
        assertEquals("expected ModelUpdate, got NodeStatus", e.getMessage());
    }

    /**
     * Found by review while writing the fuzz oracle: a reason cut at 400 chars between the halves of a surrogate
     * pair ended in a lone surrogate, which travels as '?', so the outcome read back differed from the one sent.
     */
    @Test
    void aLongReasonIsCutBetweenCharactersNotInsideOne() throws Exception {
        String reason = "a".repeat(RoundOutcome.MAX_REASON - 1) + "\uD83D\uDE00" + "tail";
        RoundOutcome o = new RoundOutcome(1, false, 0, 1, reason, Double.NaN, 0, false, 0, 0, 0, 0, 0, 0);
        assertEquals("a".repeat(RoundOutcome.MAX_REASON - 1), o.reason());
        assertEquals(o, codec.decode(codec.encode(o)));
    }

    @Test
    void refusesStringsThatAreNotValidUtf8() {
        byte[] bad = codec.encode(new NodeStatus("n1", NodeStatus.State.IDLE, 0, 0));
        bad[5] = (byte) 0xff; // inside "n1"
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(bad));
        assertEquals("nodeId is not valid UTF-8", e.getMessage());
    }

    @Test
    void tensorsAreCopiedInAndOut() {
        float[] data = {1, 2, 3};
        Tensor t = Tensor.vector(data);
        data[0] = 99;
        float[] out = t.toArray();
        out[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3}, t.toArray());
        assertEquals(List.of(3), List.of(t.shape()[0]));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
