package io.fedmq.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * The MessagePack wire format of every {@link Message}.
 *
 * <p>An envelope is a 3-element array {@code [wireVersion, typeTag, body]}; the body is an array of the record's
 * fields in declaration order. Tensors are {@code [shape, bin]} with the values as little-endian float32.
 * Nothing else may follow the envelope. {@code WireCodecGoldenTest} pins these bytes.
 */
public final class WireCodec {
    /** The version of this wire format; a decoder refuses any other. */
    public static final int WIRE_VERSION = 1;

    static final int ROUND_STATE = 1, GLOBAL_MODEL = 2, ACCEPTED_MODEL = 3, MODEL_UPDATE = 4, EVALUATION_REPORT = 5,
            NODE_STATUS = 6, KEY_ADVERTISEMENT = 7, KEY_ROSTER = 8, ENCRYPTED_SHARES = 9, SHARE_BUNDLE = 10, MASKED_INPUT = 11,
            UNMASK_REQUEST = 12, UNMASK_SHARES = 13, ROUND_OUTCOME = 14;
    /** Tensors are flat parameter vectors or small matrices; 8 leaves room and bounds the shape array. */
    static final int MAX_TENSOR_DIMENSIONS = 8;

    private final WireLimits limits;

    public WireCodec(WireLimits limits) { this.limits = limits; }

    public WireCodec() { this(WireLimits.DEFAULT); }

    public WireLimits limits() { return limits; }

    public byte[] encode(Message message) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packInt(WIRE_VERSION);
            if (message instanceof RoundState m) {
                p.packInt(ROUND_STATE).packArrayHeader(8).packLong(m.round()).packInt(m.phase().ordinal())
                        .packLong(m.modelVersion()).packString(m.modelHash());
                TrainingPlan t = m.plan();
                p.packArrayHeader(4).packInt(t.localEpochs()).packInt(t.batchSize()).packDouble(t.learningRate()).packDouble(t.proximalMu());
                packStrings(p, m.selected());
                p.packLong(m.deadline());
                SecAggParams a = m.secAgg();
                if (a == null) {
                    p.packNil();
                } else {
                    p.packArrayHeader(6).packInt(a.threshold()).packInt(a.degree()).packInt(a.modulusBits()).packInt(a.quantBits())
                            .packDouble(a.clip()).packLong(a.maxWeight());
                }
            } else if (message instanceof GlobalModel m) {
                p.packInt(GLOBAL_MODEL).packArrayHeader(5).packLong(m.version()).packLong(m.parentVersion()).packLong(m.round());
                p.packArrayHeader(3).packString(m.spec().task()).packString(m.spec().architecture());
                packStrings(p, m.spec().labels());
                packTensor(p, m.parameters());
            } else if (message instanceof AcceptedModel m) {
                p.packInt(ACCEPTED_MODEL).packArrayHeader(5).packLong(m.version()).packString(m.hash()).packLong(m.round())
                        .packDouble(m.accuracy()).packLong(m.epoch());
            } else if (message instanceof ModelUpdate m) {
                p.packInt(MODEL_UPDATE).packArrayHeader(6).packLong(m.round()).packString(m.nodeId()).packLong(m.modelVersion())
                        .packLong(m.numExamples()).packDouble(m.trainLoss());
                packTensor(p, m.delta());
            } else if (message instanceof EvaluationReport m) {
                p.packInt(EVALUATION_REPORT).packArrayHeader(6).packLong(m.round()).packString(m.nodeId())
                        .packLong(m.modelVersion()).packLong(m.numExamples()).packDouble(m.loss()).packDouble(m.accuracy());
            } else if (message instanceof NodeStatus m) {
                p.packInt(NODE_STATUS).packArrayHeader(4).packString(m.nodeId()).packInt(m.state().ordinal())
                        .packLong(m.modelVersion()).packLong(m.at());
            } else if (message instanceof KeyAdvertisement m) {
                p.packInt(KEY_ADVERTISEMENT);
                packKeys(p, m);
            } else if (message instanceof KeyRoster m) {
                p.packInt(KEY_ROSTER).packArrayHeader(2).packLong(m.round()).packArrayHeader(m.keys().size());
                for (KeyAdvertisement k : m.keys()) packKeys(p, k);
            } else if (message instanceof EncryptedShares m) {
                p.packInt(ENCRYPTED_SHARES).packArrayHeader(4).packLong(m.round()).packString(m.nodeId());
                packBlob(p, m.selfSeedCommitment());
                packBlobMap(p, m.byRecipient());
            } else if (message instanceof ShareBundle m) {
                p.packInt(SHARE_BUNDLE).packArrayHeader(3).packLong(m.round()).packString(m.recipient());
                packBlobMap(p, m.bySender());
            } else if (message instanceof MaskedInput m) {
                p.packInt(MASKED_INPUT).packArrayHeader(7).packLong(m.round()).packString(m.nodeId()).packLong(m.modelVersion())
                        .packInt(m.bits()).packInt(m.length()).packDouble(m.trainLoss());
                packBlob(p, m.packed());
            } else if (message instanceof UnmaskRequest m) {
                p.packInt(UNMASK_REQUEST).packArrayHeader(3).packLong(m.round());
                packStrings(p, m.survivors());
                packStrings(p, m.dropped());
            } else if (message instanceof UnmaskShares m) {
                p.packInt(UNMASK_SHARES).packArrayHeader(4).packLong(m.round()).packString(m.nodeId());
                packBlobMap(p, m.selfSeedShares());
                packBlobMap(p, m.keyShares());
            } else if (message instanceof RoundOutcome m) {
                p.packInt(ROUND_OUTCOME).packArrayHeader(14).packLong(m.round()).packBoolean(m.accepted()).packLong(m.candidate())
                        .packLong(m.acceptedVersion()).packString(m.reason()).packDouble(m.testAccuracy()).packInt(m.contributors())
                        .packBoolean(m.secure()).packInt(m.selected()).packInt(m.threshold()).packInt(m.degree()).packInt(m.dropped())
                        .packInt(m.recovered()).packDouble(m.maskedBytesPerParameter());
            } else {
                throw new IllegalArgumentException("no wire format for " + message.getClass());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory packing cannot fail", e);
        }
    }

    /** Decodes one message, or says exactly what is wrong with the bytes. */
    public Message decode(byte[] bytes) throws WireFormatException {
        if (bytes == null || bytes.length == 0) throw new WireFormatException("empty payload");
        if (bytes.length > limits.maxMessageBytes()) {
            throw new WireFormatException("payload of " + bytes.length + " bytes exceeds the limit of " + limits.maxMessageBytes());
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            WireReader r = new WireReader(u, bytes.length, limits);
            r.arrayHeader(3, "envelope");
            int version = r.intValue("wire version");
            if (version != WIRE_VERSION) {
                throw new WireFormatException("unsupported wire version " + version + " (this build reads " + WIRE_VERSION + ")");
            }
            int tag = r.intValue("type tag");
            Message m = decodeBody(tag, r);
            if (u.hasNext()) throw new WireFormatException("trailing bytes after the message");
            return m;
        } catch (org.msgpack.core.MessageInsufficientBufferException e) {
            throw new WireFormatException("truncated payload", e);
        } catch (IOException | MessagePackException e) {
            throw new WireFormatException("malformed MessagePack: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException("invalid message: " + e.getMessage(), e);
        }
    }

    /** Decodes and checks the type: for topics that carry one kind of message. */
    public <T extends Message> T decode(byte[] bytes, Class<T> type) throws WireFormatException {
        Message m = decode(bytes);
        if (!type.isInstance(m)) {
            throw new WireFormatException("expected " + type.getSimpleName() + ", got " + m.getClass().getSimpleName());
        }
        return type.cast(m);
    }

    private Message decodeBody(int tag, WireReader r) throws IOException, WireFormatException {
        switch (tag) {
            case ROUND_STATE: {
                r.arrayHeader(8, "RoundState");
                long round = r.longValue("round");
                RoundState.Phase phase = r.enumValue(RoundState.Phase.values(), "phase");
                long version = r.longValue("modelVersion");
                String hash = r.string("modelHash");
                r.arrayHeader(4, "TrainingPlan");
                TrainingPlan plan = new TrainingPlan(r.intValue("localEpochs"), r.intValue("batchSize"), r.doubleValue("learningRate"),
                        r.doubleValue("proximalMu"));
                List<String> selected = r.strings("selected");
                long deadline = r.longValue("deadline");
                SecAggParams secAgg = null;
                if (!r.nil("secAgg")) {
                    r.arrayHeader(6, "SecAggParams");
                    secAgg = new SecAggParams(r.intValue("threshold"), r.intValue("degree"), r.intValue("modulusBits"),
                            r.intValue("quantBits"), r.doubleValue("clip"), r.longValue("maxWeight"));
                }
                return new RoundState(round, phase, version, hash, plan, selected, deadline, secAgg);
            }
            case GLOBAL_MODEL: {
                r.arrayHeader(5, "GlobalModel");
                long version = r.longValue("version"), parent = r.longValue("parentVersion"), round = r.longValue("round");
                r.arrayHeader(3, "ModelSpec");
                ModelSpec spec = new ModelSpec(r.string("task"), r.string("architecture"), r.strings("labels"));
                return new GlobalModel(version, parent, round, spec, r.tensor("parameters"));
            }
            case ACCEPTED_MODEL:
                r.arrayHeader(5, "AcceptedModel");
                return new AcceptedModel(r.longValue("version"), r.string("hash"), r.longValue("round"), r.doubleValue("accuracy"),
                        r.longValue("epoch"));
            case MODEL_UPDATE:
                r.arrayHeader(6, "ModelUpdate");
                return new ModelUpdate(r.longValue("round"), r.string("nodeId"), r.longValue("modelVersion"),
                        r.longValue("numExamples"), r.doubleValue("trainLoss"), r.tensor("delta"));
            case EVALUATION_REPORT:
                r.arrayHeader(6, "EvaluationReport");
                return new EvaluationReport(r.longValue("round"), r.string("nodeId"), r.longValue("modelVersion"),
                        r.longValue("numExamples"), r.doubleValue("loss"), r.doubleValue("accuracy"));
            case NODE_STATUS:
                r.arrayHeader(4, "NodeStatus");
                return new NodeStatus(r.string("nodeId"), r.enumValue(NodeStatus.State.values(), "state"),
                        r.longValue("modelVersion"), r.longValue("at"));
            case KEY_ADVERTISEMENT:
                return readKeys(r);
            case KEY_ROSTER: {
                r.arrayHeader(2, "KeyRoster");
                long round = r.longValue("round");
                int n = r.listHeader("keys");
                List<KeyAdvertisement> keys = new ArrayList<>(n);
                for (int i = 0; i < n; i++) keys.add(readKeys(r));
                return new KeyRoster(round, keys);
            }
            case ENCRYPTED_SHARES:
                r.arrayHeader(4, "EncryptedShares");
                return new EncryptedShares(r.longValue("round"), r.string("nodeId"), r.blob("selfSeedCommitment"), r.blobMap("byRecipient"));
            case SHARE_BUNDLE:
                r.arrayHeader(3, "ShareBundle");
                return new ShareBundle(r.longValue("round"), r.string("recipient"), r.blobMap("bySender"));
            case MASKED_INPUT:
                r.arrayHeader(7, "MaskedInput");
                return new MaskedInput(r.longValue("round"), r.string("nodeId"), r.longValue("modelVersion"), r.intValue("bits"),
                        r.intValue("length"), r.doubleValue("trainLoss"), r.blob("packed"));
            case UNMASK_REQUEST:
                r.arrayHeader(3, "UnmaskRequest");
                return new UnmaskRequest(r.longValue("round"), r.strings("survivors"), r.strings("dropped"));
            case UNMASK_SHARES:
                r.arrayHeader(4, "UnmaskShares");
                return new UnmaskShares(r.longValue("round"), r.string("nodeId"), r.blobMap("selfSeedShares"), r.blobMap("keyShares"));
            case ROUND_OUTCOME:
                r.arrayHeader(14, "RoundOutcome");
                return new RoundOutcome(r.longValue("round"), r.bool("accepted"), r.longValue("candidate"), r.longValue("acceptedVersion"),
                        r.string("reason"), r.doubleValue("testAccuracy"), r.intValue("contributors"), r.bool("secure"),
                        r.intValue("selected"), r.intValue("threshold"), r.intValue("degree"), r.intValue("dropped"),
                        r.intValue("recovered"), r.doubleValue("maskedBytesPerParameter"));
            default:
                throw new WireFormatException("unknown message type tag " + tag);
        }
    }

    private static void packStrings(MessagePacker p, List<String> values) throws IOException {
        p.packArrayHeader(values.size());
        for (String v : values) p.packString(v);
    }

    private static void packKeys(MessagePacker p, KeyAdvertisement k) throws IOException {
        p.packArrayHeader(4).packLong(k.round()).packString(k.nodeId());
        packBlob(p, k.encryptionKey());
        packBlob(p, k.maskingKey());
    }

    private static KeyAdvertisement readKeys(WireReader r) throws IOException, WireFormatException {
        r.arrayHeader(4, "KeyAdvertisement");
        return new KeyAdvertisement(r.longValue("round"), r.string("nodeId"), r.blob("encryptionKey"), r.blob("maskingKey"));
    }

    private static void packBlob(MessagePacker p, Blob b) throws IOException {
        byte[] bytes = b.toArray();
        p.packBinaryHeader(bytes.length).writePayload(bytes);
    }

    private static void packBlobMap(MessagePacker p, java.util.Map<String, Blob> map) throws IOException {
        p.packMapHeader(map.size());
        for (var e : map.entrySet()) {
            p.packString(e.getKey());
            packBlob(p, e.getValue());
        }
    }

    private static void packTensor(MessagePacker p, Tensor t) throws IOException {
        int[] shape = t.shape();
        p.packArrayHeader(2).packArrayHeader(shape.length);
        for (int d : shape) p.packInt(d);
        byte[] data = t.toBytes();
        p.packBinaryHeader(data.length).writePayload(data);
    }
}
