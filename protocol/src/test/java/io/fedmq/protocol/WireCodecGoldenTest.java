package io.fedmq.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the wire format byte for byte: a change here is a protocol change and needs a new wire version. */
class WireCodecGoldenTest {
    private final WireCodec codec = new WireCodec();

    private static byte[] hex(String s) { return HexFormat.of().parseHex(s.replaceAll("\\s+|//[^\\n]*", "")); }

    @Test
    void nodeStatusBytes() throws Exception {
        byte[] golden = hex("""
                93          // envelope: array of 3
                01          // wire version 1
                06          // type tag: NodeStatus
                94          // body: array of 4
                a2 6e 31    // nodeId "n1"
                01          // state IDLE
                03          // modelVersion 3
                cd 03 e8    // at 1000 (uint16)
                """);
        NodeStatus m = new NodeStatus("n1", NodeStatus.State.IDLE, 3, 1000);
        assertArrayEquals(golden, codec.encode(m));
        assertEquals(m, codec.decode(golden));
    }

    @Test
    void modelUpdateBytesCarryTheTensorAsOneLittleEndianBlob() throws Exception {
        byte[] golden = hex("""
                93 01 04                   // envelope, version 1, type tag ModelUpdate
                96                         // body: array of 6
                07                         // round 7
                a2 6e 31                   // nodeId "n1"
                03                         // modelVersion 3
                0a                         // numExamples 10
                cb 3f e0 00 00 00 00 00 00 // trainLoss 0.5 (float64)
                92                         // tensor: [shape, data]
                91 02                      // shape [2]
                c4 08                      // bin8 of 8 bytes
                00 00 80 3f                // 1.0f little-endian
                00 00 00 c0                // -2.0f little-endian
                """);
        ModelUpdate m = new ModelUpdate(7, "n1", 3, 10, 0.5, Tensor.vector(new float[] {1.0f, -2.0f}));
        assertArrayEquals(golden, codec.encode(m));
        assertEquals(m, codec.decode(golden));
    }

    @Test
    void acceptedModelBytes() throws Exception {
        String hash = "ab".repeat(32);
        byte[] golden = hex("93 01 03 95 05 d9 40" + "6162".repeat(32) + "02 cb 3f e0 00 00 00 00 00 00 07");
        // array of 5: version 5, str8 of 64 hex chars, round 2, accuracy 0.5, epoch 7
        AcceptedModel m = new AcceptedModel(5, hash, 2, 0.5, 7);
        assertArrayEquals(golden, codec.encode(m));
        assertEquals(m, codec.decode(golden));
    }

    @Test
    void roundStateBytesCarryTheTrainingPlanWithItsProximalMu() throws Exception {
        String hash = "ab".repeat(32);
        byte[] golden = hex("""
                93 01 01                   // envelope, version 1, type tag RoundState
                98                         // body: array of 8
                04                         // round 4
                00                         // phase TRAINING
                03                         // modelVersion 3
                d9 40 %s                   // modelHash: str8 of 64 hex chars
                94                         // TrainingPlan: array of 4
                02                         // localEpochs 2
                20                         // batchSize 32
                cb 3f 84 7a e1 47 ae 14 7b // learningRate 0.01 (float64)
                cb 3f b9 99 99 99 99 99 9a // proximalMu 0.1 (float64); 0 when the strategy has no proximal term
                91 a2 6e 31                // selected ["n1"]
                cd 03 e8                   // deadline 1000
                c0                         // secAgg nil: plain updates
                """.formatted("6162".repeat(32)));
        RoundState m = new RoundState(4, RoundState.Phase.TRAINING, 3, hash, new TrainingPlan(2, 32, 0.01, 0.1), List.of("n1"), 1000, null);
        assertArrayEquals(golden, codec.encode(m));
        assertEquals(m, codec.decode(golden));
    }
}
