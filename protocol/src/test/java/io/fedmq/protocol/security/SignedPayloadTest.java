package io.fedmq.protocol.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.testing.InMemoryBus;
import io.fedmq.protocol.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedPayloadTest {
    private static final KeyPair ORCHESTRATOR = SigningKeys.generate();
    private static final KeyPair MALLORY = SigningKeys.generate();
    private static final String TOPIC = "fedmq/v1/f/model/accepted";
    private final byte[] model = new WireCodec().encode(Samples.model(3, 1, 2, 3));

    @Test
    void aSignedPayloadOpensToTheSameBytesUnderThePinnedKey() throws Exception {
        byte[] signed = SignedPayload.sign(TOPIC, model, ORCHESTRATOR.getPrivate());
        assertEquals(model.length + 66, signed.length);
        assertArrayEquals(model, SignedPayload.open(TOPIC, signed, ORCHESTRATOR.getPublic()));
    }

    @Test
    void refusesUnsignedReSignedAlteredAndMovedPayloads() {
        byte[] signed = SignedPayload.sign(TOPIC, model, ORCHESTRATOR.getPrivate());
        assertRefused("unsigned", model, TOPIC);
        assertRefused("bad signature", SignedPayload.sign(TOPIC, model, MALLORY.getPrivate()), TOPIC);
        byte[] altered = signed.clone();
        altered[altered.length - 1] ^= 1;
        assertRefused("bad signature", altered, TOPIC);
        assertRefused("bad signature", signed, "fedmq/v1/f/model/7"); // a valid message, moved to another topic
        byte[] future = signed.clone();
        future[1] = 2;
        assertRefused("unknown signature format", future, TOPIC);
    }

    /**
     * Found by review of the signThenTamper fuzz target: the topic went in as getBytes(UTF_8), which turns a lone
     * surrogate into '?' (so "t\uD800" and "t?" shared a signature), behind a two-byte length that wraps past
     * 65,535 bytes. MQTT carries neither such topic; signing one is now refused, and opening one is a refusal.
     */
    @Test
    void refusesTopicsMqttCannotCarryInsteadOfSigningSomethingAmbiguous() {
        for (String topic : new String[] {"fedmq/v1/f/\uD800", "t".repeat(65_536)}) {
            assertThrows(IllegalArgumentException.class, () -> SignedPayload.sign(topic, model, ORCHESTRATOR.getPrivate()));
            byte[] signed = SignedPayload.sign(TOPIC, model, ORCHESTRATOR.getPrivate());
            assertThrows(WireFormatException.class, () -> SignedPayload.open(topic, signed, ORCHESTRATOR.getPublic()));
        }
        byte[] longest = SignedPayload.sign("t".repeat(65_535), model, ORCHESTRATOR.getPrivate());
        assertDoesNotThrow(() -> SignedPayload.open("t".repeat(65_535), longest, ORCHESTRATOR.getPublic()));
    }

    @Test
    void everyTruncationAndRandomCorruptionIsAWireFormatExceptionAndNothingElse() {
        byte[] signed = SignedPayload.sign(TOPIC, model, ORCHESTRATOR.getPrivate());
        for (int n = 0; n < signed.length; n++) {
            byte[] cut = Arrays.copyOf(signed, n);
            assertThrows(WireFormatException.class, () -> SignedPayload.open(TOPIC, cut, ORCHESTRATOR.getPublic()), "cut at " + n);
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = signed.clone();
            bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
            assertThrows(WireFormatException.class, () -> SignedPayload.open(TOPIC, bad, ORCHESTRATOR.getPublic()));
        }
    }

    private static void assertRefused(String reason, byte[] bytes, String topic) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> SignedPayload.open(topic, bytes, ORCHESTRATOR.getPublic()));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void theKeyFileIsPrivateToItsOwnerAndLoadsToTheSamePair(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/orchestrator.key");
        KeyPair created = SigningKeys.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyPair loaded = SigningKeys.loadOrCreate(file);
        assertEquals(SigningKeys.encodePublic(created.getPublic()), SigningKeys.encodePublic(loaded.getPublic()));
        byte[] signed = SignedPayload.sign(TOPIC, model, loaded.getPrivate());
        assertArrayEquals(model, SignedPayload.open(TOPIC, signed, SigningKeys.decodePublic(SigningKeys.encodePublic(created.getPublic()))));
        assertEquals(16, SigningKeys.fingerprint(created.getPublic()).length());
    }

    @Test
    void aDamagedOrMismatchedKeyFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orchestrator.key");
        SigningKeys.loadOrCreate(file);
        String text = Files.readString(file);
        Path other = dir.resolve("other.key");
        SigningKeys.loadOrCreate(other);
        String otherText = Files.readString(other);
        String mixed = text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY")) + otherText.substring(otherText.indexOf("-----BEGIN PUBLIC KEY"));
        Files.writeString(file, mixed);
        assertTrue(assertThrows(java.io.IOException.class, () -> SigningKeys.load(file)).getMessage().contains("does not belong"));
        Files.writeString(file, "hello");
        assertTrue(assertThrows(java.io.IOException.class, () -> SigningKeys.load(file)).getMessage().contains(file.toString()));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.decodePublic("bm90IGEga2V5"));
    }

    @Test
    void aVerifyingTransportPassesOnlyWhatThePinnedKeySigned() throws Exception {
        InMemoryBus bus = new InMemoryBus();
        List<String> refused = new ArrayList<>();
        List<byte[]> delivered = new ArrayList<>();
        var node = new VerifyingTransport(bus.connect("node"), ORCHESTRATOR.getPublic(), (t, r) -> { synchronized (refused) { refused.add(r); } });
        node.subscribe("fedmq/v1/f/#", (t, p, r) -> { synchronized (delivered) { delivered.add(p); } });
        new SigningTransport(bus.connect("orchestrator"), ORCHESTRATOR.getPrivate()).publish(TOPIC, model, true);
        new SigningTransport(bus.connect("mallory"), MALLORY.getPrivate()).publish(TOPIC, model, true);
        bus.connect("mallory-plain").publish(TOPIC, model, true);
        bus.connect("orchestrator").clearRetained(TOPIC);
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            synchronized (refused) { synchronized (delivered) { if (refused.size() == 2 && delivered.size() == 2) break; } }
            Thread.onSpinWait();
        }
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("bad signature") && refused.get(1).startsWith("unsigned"), refused.toString());
        assertEquals(2, delivered.size());
        assertArrayEquals(model, delivered.get(0));
        assertEquals(0, delivered.get(1).length, "a cleared retained topic still reaches the node");
        assertNotEquals(SigningKeys.fingerprint(ORCHESTRATOR.getPublic()), SigningKeys.fingerprint(MALLORY.getPublic()));
    }
}
