package io.fedmq.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /**
     * Reads fields with a name for every error, and checks every length before it allocates: against its limit,
     * and against the bytes of the payload not yet read, so that what a message decodes to is never more than a
     * small multiple of its size (a header claiming 2^31 entries in a 20-byte payload fails before anything is
     * allocated). Strings must be valid UTF-8, so that one message has one encoding.
     */
    private static final class WireReader {
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
            if (dims < 1 || dims > MAX_TENSOR_DIMENSIONS) {
                throw new WireFormatException(what + " has " + dims + " dimensions, allowed 1 to " + MAX_TENSOR_DIMENSIONS);
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
}
