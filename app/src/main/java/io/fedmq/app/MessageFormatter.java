package io.fedmq.app;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.RoundOutcome;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.security.SignedPayload;
import java.util.Arrays;
import java.util.Locale;

/** One readable line per fedmq message: what MQTT Explorer cannot show for MessagePack. Tensors are summarized. */
final class MessageFormatter {
    private final WireCodec codec;

    MessageFormatter(WireCodec codec) { this.codec = codec; }

    String format(String topic, byte[] payload) {
        String body;
        if (payload.length == 0) {
            body = "(retained message cleared)";
        } else {
            try {
                boolean signed = SignedPayload.isSigned(payload); // shown, not verified: the monitor pins no key
                body = (signed ? "signed " : "") + describe(codec.decode(SignedPayload.strip(payload)));
            } catch (WireFormatException e) {
                body = "UNDECODABLE: " + e.getMessage();
            }
        }
        return topic + "  " + body + "  [" + Format.bytes(payload.length) + "]";
    }

    static String describe(Message message) {
        if (message instanceof RoundState m) {
            long left = Math.max(0, m.deadline() - System.currentTimeMillis()) / 1000;
            String secAgg = m.secAgg() == null ? "plain"
                    : String.format(Locale.ROOT, "secagg n=%d t=%d k=%d b=%d", m.selected().size(), m.secAgg().threshold(),
                            m.secAgg().degree(), m.secAgg().modulusBits());
            String prox = m.plan().proximalMu() > 0 ? " mu=" + m.plan().proximalMu() : "";
            return String.format(Locale.ROOT, "RoundState round=%d phase=%s model=v%d#%s plan=%dx%d@%s%s %s selected=%s deadline=+%ds",
                    m.round(), m.phase(), m.modelVersion(), m.modelHash().substring(0, 12), m.plan().localEpochs(),
                    m.plan().batchSize(), m.plan().learningRate(), prox, secAgg, m.selected(), left);
        }
        if (message instanceof GlobalModel m) {
            return String.format(Locale.ROOT, "GlobalModel v%d parent=v%d round=%d %s/%s labels=%d params=%s",
                    m.version(), m.parentVersion(), m.round(), m.spec().task(), m.spec().architecture(), m.spec().labels().size(),
                    tensor(m.parameters()));
        }
        if (message instanceof AcceptedModel m) {
            return String.format(Locale.ROOT, "AcceptedModel v%d#%s round=%d accuracy=%s", m.version(), m.hash().substring(0, 12),
                    m.round(), Format.number(m.accuracy(), 4));
        }
        if (message instanceof ModelUpdate m) {
            return String.format(Locale.ROOT, "ModelUpdate round=%d node=%s from=v%d examples=%d trainLoss=%.4f delta=%s",
                    m.round(), m.nodeId(), m.modelVersion(), m.numExamples(), m.trainLoss(), tensor(m.delta()));
        }
        if (message instanceof EvaluationReport m) {
            return String.format(Locale.ROOT, "EvaluationReport round=%d node=%s model=v%d examples=%d loss=%.4f accuracy=%.4f",
                    m.round(), m.nodeId(), m.modelVersion(), m.numExamples(), m.loss(), m.accuracy());
        }
        if (message instanceof NodeStatus m) {
            return String.format(Locale.ROOT, "NodeStatus node=%s state=%s model=v%d", m.nodeId(), m.state(), m.modelVersion());
        }
        if (message instanceof RoundOutcome m) {
            String secAgg = !m.secure() ? "plain updates"
                    : String.format(Locale.ROOT, "secagg n=%d t=%d k=%d dropped=%d recovered=%d %.2f B/param", m.selected(), m.threshold(),
                            m.degree(), m.dropped(), m.recovered(), m.maskedBytesPerParameter());
            String verdict = m.candidate() == 0 ? "FAILED" : m.accepted() ? "accepted v" + m.candidate() : "rejected v" + m.candidate();
            return String.format(Locale.ROOT, "RoundOutcome round=%d %s (%s) accuracy=%s contributors=%d %s; fleet runs v%d",
                    m.round(), verdict, m.reason(), Format.number(m.testAccuracy(), 4), m.contributors(), secAgg, m.acceptedVersion());
        }
        if (message instanceof KeyAdvertisement m) {
            return String.format(Locale.ROOT, "KeyAdvertisement round=%d node=%s (two X25519 public keys)", m.round(), m.nodeId());
        }
        if (message instanceof KeyRoster m) {
            return String.format(Locale.ROOT, "KeyRoster round=%d nodes=%s", m.round(), m.nodeIds());
        }
        if (message instanceof EncryptedShares m) {
            return String.format(Locale.ROOT, "EncryptedShares round=%d node=%s to=%s", m.round(), m.nodeId(), m.byRecipient().keySet());
        }
        if (message instanceof ShareBundle m) {
            return String.format(Locale.ROOT, "ShareBundle round=%d for=%s from=%s", m.round(), m.recipient(), m.bySender().keySet());
        }
        if (message instanceof MaskedInput m) {
            return String.format(Locale.ROOT, "MaskedInput round=%d node=%s from=v%d values=%d bits=%d %.2f B/param sha256=%s",
                    m.round(), m.nodeId(), m.modelVersion(), m.length(), m.bits(), m.packed().size() / (double) Math.max(1, m.length() - 1),
                    sha(m.packed().toArray()));
        }
        if (message instanceof UnmaskRequest m) {
            return String.format(Locale.ROOT, "UnmaskRequest round=%d survivors=%d dropped=%d %s", m.round(), m.survivors().size(),
                    m.dropped().size(), m.dropped());
        }
        if (message instanceof UnmaskShares m) {
            return String.format(Locale.ROOT, "UnmaskShares round=%d node=%s self-seed shares for %s, mask-key shares for %s",
                    m.round(), m.nodeId(), m.selfSeedShares().keySet(), m.keyShares().keySet());
        }
        return message.getClass().getSimpleName();
    }

    private static String sha(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shape, size and a hash prefix: enough to tell tensors apart, never their values. */
    static String tensor(Tensor t) {
        return "float32" + Arrays.toString(t.shape()) + " " + Format.bytes(4L * t.size()) + " sha256=" + t.sha256().substring(0, 12);
    }
}
