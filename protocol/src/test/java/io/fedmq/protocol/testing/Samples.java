package io.fedmq.protocol.testing;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.Blob;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.RoundOutcome;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.TrainingPlan;
import java.util.List;
import java.util.Map;

/** One valid instance of every message type, for codec and round tests. */
public final class Samples {
    private Samples() {}

    public static final ModelSpec SPEC = new ModelSpec("surnames", "cnn", List.of("German", "Italian", "Polish"));
    public static final TrainingPlan PLAN = new TrainingPlan(2, 32, 0.01);
    /** A FedProx plan: the proximal term's mu rides along to the nodes. */
    public static final TrainingPlan PROX_PLAN = new TrainingPlan(2, 32, 0.01, 0.1);

    public static final SecAggParams SECAGG = new SecAggParams(2, 3, 24, 21, 1.0, 4096);

    public static Blob key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Blob.of(k);
    }

    public static GlobalModel model(long version, float... params) {
        return new GlobalModel(version, version - 1, version - 1, SPEC, Tensor.vector(params));
    }

    public static List<Message> allKinds() {
        GlobalModel m = model(3, 0.25f, -1.5f, 3.0f);
        return List.of(
                new RoundState(4, RoundState.Phase.TRAINING, 3, m.hash(), PLAN, List.of("n1", "n2"), 1_700_000_000_000L, null),
                new RoundState(4, RoundState.Phase.MASKING, 3, m.hash(), PROX_PLAN, List.of("n1", "n2"), 1_700_000_000_000L, SECAGG),
                new KeyAdvertisement(4, "n1", key(1), key(2)),
                new KeyRoster(4, List.of(new KeyAdvertisement(4, "n1", key(1), key(2)), new KeyAdvertisement(4, "n2", key(3), key(4)))),
                new EncryptedShares(4, "n1", key(5), Map.of("n2", Blob.of(new byte[] {9, 8, 7}))),
                new ShareBundle(4, "n2", Map.of("n1", Blob.of(new byte[] {9, 8, 7}))),
                new MaskedInput(4, "n1", 3, 24, 3, 0.7, Blob.of(new byte[9])),
                new UnmaskRequest(4, List.of("n1"), List.of("n2")),
                new RoundOutcome(4, false, 0, 3, "only 2 masked inputs arrived, need 3", Double.NaN, 0, true, 5, 3, 4, 3, 0, 3.0),
                new UnmaskShares(4, "n3", Map.of("n1", Blob.of(new byte[] {1})), Map.of("n2", Blob.of(new byte[] {2}))),
                m,
                new AcceptedModel(3, m.hash(), 2, 0.61, 4),
                new ModelUpdate(4, "n1", 3, 120, 0.93, Tensor.vector(new float[] {0.1f, 0.2f, -0.3f})),
                new EvaluationReport(4, "n2", 4, 30, 1.2, 0.6),
                new NodeStatus("n1", NodeStatus.State.TRAINING, 3, 1_700_000_000_123L));
    }
}
