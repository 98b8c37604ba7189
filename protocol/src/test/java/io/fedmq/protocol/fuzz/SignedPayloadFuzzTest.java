package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.security.SignedPayload;
import io.fedmq.protocol.testing.AllocationBudget;
import java.util.Arrays;

/**
 * Fuzz targets for {@link SignedPayload}, the first thing a node does with every orchestrator publication.
 * Seeds: {@code SignedPayloadFuzzTestInputs/open/}, a signed sample model (see {@link SeedCorpusTest}).
 */
class SignedPayloadFuzzTest {
    static final String TOPIC = "fedmq/v1/fleet/model/accepted";

    /**
     * Any bytes on a signed topic: refused with a {@link WireFormatException} (no other exception, within the
     * heap budget), or, when they open, they are exactly a signature by the pinned key over this topic and the
     * returned payload.
     */
    @FuzzTest(maxDuration = "5m")
    void open(byte[] bytes) throws Exception {
        byte[] payload = AllocationBudget.within(AllocationBudget.forInput(bytes.length), "opening " + bytes.length + " bytes",
                () -> openOrNull(TOPIC, bytes));
        if (payload == null) return;
        assertArrayEquals(bytes, SignedPayload.sign(TOPIC, payload, FixedKeys.ORCHESTRATOR.getPrivate()),
                "only the pinned key's own signature over this topic opens");
    }

    /**
     * Signs a fuzzed payload for a fuzzed topic, then checks that it opens there, and that it does not open
     * after any one byte changed, on any other topic, or under another key.
     */
    @FuzzTest(maxDuration = "5m")
    void signThenTamper(FuzzedDataProvider data) throws Exception {
        String topic = data.consumeString(300);
        String otherTopic = data.consumeString(300);
        int position = data.consumeInt();
        byte flip = data.consumeByte();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] signed;
        try {
            signed = SignedPayload.sign(topic, payload, FixedKeys.ORCHESTRATOR.getPrivate());
        } catch (IllegalArgumentException e) {
            return; // a topic MQTT could not carry: refusing to sign it is the documented answer
        }
        assertArrayEquals(payload, SignedPayload.open(topic, signed, FixedKeys.ORCHESTRATOR.getPublic()));
        if (flip != 0) {
            byte[] altered = signed.clone();
            altered[Math.floorMod(position, altered.length)] ^= flip;
            assertThrows(WireFormatException.class, () -> SignedPayload.open(topic, altered, FixedKeys.ORCHESTRATOR.getPublic()),
                    "a changed byte must break the signature");
        }
        if (!otherTopic.equals(topic)) {
            assertThrows(WireFormatException.class, () -> SignedPayload.open(otherTopic, signed, FixedKeys.ORCHESTRATOR.getPublic()),
                    "a signature is bound to its topic: '" + topic + "' vs '" + otherTopic + "'");
        }
        assertThrows(WireFormatException.class, () -> SignedPayload.open(topic, signed, FixedKeys.OTHER.getPublic()));
        assertArrayEquals(payload, Arrays.copyOfRange(signed, signed.length - payload.length, signed.length));
    }

    private static byte[] openOrNull(String topic, byte[] bytes) {
        try {
            return SignedPayload.open(topic, bytes, FixedKeys.ORCHESTRATOR.getPublic());
        } catch (WireFormatException e) {
            return null;
        }
    }
}
