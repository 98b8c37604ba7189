package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {
    private final WireCodec codec = new WireCodec();
    private final MessageFormatter formatter = new MessageFormatter(codec);

    @Test
    void everyKindFitsOnOneLineNamedByItsType() {
        for (Message m : Samples.allKinds()) {
            String line = formatter.format("fedmq/v1/demo/x", codec.encode(m));
            assertFalse(line.contains("\n"), line);
            assertTrue(line.contains(m.getClass().getSimpleName()), line);
        }
    }

    @Test
    void summarizesTensorsByShapeSizeAndHashNeverByValue() {
        ModelUpdate u = new ModelUpdate(1, "n1", 1, 5, 0.25, Tensor.vector(new float[] {1.2345f, 6.789f}));
        String line = formatter.format("t", codec.encode(u));
        assertTrue(line.contains("float32[2] 8 B sha256=" + u.delta().sha256().substring(0, 12)), line);
        assertFalse(line.contains("1.2345") || line.contains("6.789"), line);
    }

    @Test
    void showsFedProxMuInTheRoundStateOnlyWhenItIsOn() {
        String plain = MessageFormatter.describe(roundState(Samples.PLAN));
        String prox = MessageFormatter.describe(roundState(Samples.PROX_PLAN));
        assertFalse(plain.contains("mu="), plain);
        assertTrue(prox.contains("plan=2x32@0.01 mu=0.1 "), prox);
    }

    private static RoundState roundState(TrainingPlan plan) {
        return new RoundState(1, RoundState.Phase.TRAINING, 1, "ab".repeat(32), plan, List.of("n1"), 0, null);
    }

    @Test
    void showsWhyAPayloadCannotBeDecoded() {
        assertTrue(formatter.format("t", new byte[] {(byte) 0xc1}).contains("UNDECODABLE"));
        assertTrue(formatter.format("t", new byte[0]).contains("retained message cleared"));
    }
}
