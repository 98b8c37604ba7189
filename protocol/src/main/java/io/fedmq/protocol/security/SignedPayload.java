package io.fedmq.protocol.security;

import io.fedmq.protocol.WireFormatException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * An Ed25519 signature over one publication: {@code 0xC1 0x01 signature[64] payload}. The signature covers
 * the topic as well as the payload, so a signed message cannot be moved to another topic (a candidate model
 * replayed as the accepted one, say). 0xC1 is the one byte MessagePack never uses, so a signed payload can
 * never be mistaken for a bare message, nor a bare message for a signed one.
 */
public final class SignedPayload {
    static final byte MARKER = (byte) 0xC1;
    static final byte FORMAT = 1;
    static final int SIGNATURE_BYTES = 64;
    static final int HEADER = 2 + SIGNATURE_BYTES;
    /** MQTT's own limit, and what the signature's two-byte topic length can describe. */
    static final int MAX_TOPIC_BYTES = 65_535;
    private static final byte[] CONTEXT = "fedmq/v1 signed publication\0".getBytes(StandardCharsets.US_ASCII);

    private SignedPayload() {}

    /**
     * Signs {@code payload} for {@code topic}.
     *
     * @throws IllegalArgumentException when the topic is not one MQTT can carry (over 65,535 UTF-8 bytes, or
     *                                  with a lone surrogate): its bytes would not say which topic was signed
     */
    public static byte[] sign(String topic, byte[] payload, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            feed(s, topicBytes(topic), payload);
            byte[] sig = s.sign();
            byte[] out = new byte[HEADER + payload.length];
            out[0] = MARKER;
            out[1] = FORMAT;
            System.arraycopy(sig, 0, out, 2, SIGNATURE_BYTES);
            System.arraycopy(payload, 0, out, HEADER, payload.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether the bytes carry a signature at all (not whether it is valid). */
    public static boolean isSigned(byte[] bytes) { return bytes.length >= HEADER && bytes[0] == MARKER; }

    /**
     * The payload, if {@code bytes} carry a valid signature by {@code key} for {@code topic}.
     *
     * @throws WireFormatException naming what is wrong: unsigned, unknown format, or a signature that fails
     */
    public static byte[] open(String topic, byte[] bytes, PublicKey key) throws WireFormatException {
        if (!isSigned(bytes)) throw new WireFormatException("unsigned: the orchestrator signs everything it publishes");
        if (bytes[1] != FORMAT) throw new WireFormatException("unknown signature format " + bytes[1]);
        byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        byte[] topicBytes;
        try {
            topicBytes = topicBytes(topic);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage());
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            feed(s, topicBytes, payload);
            if (!s.verify(bytes, 2, SIGNATURE_BYTES)) {
                throw new WireFormatException("bad signature: not signed by the pinned orchestrator key " + SigningKeys.fingerprint(key)
                        + ", or altered, or moved from another topic");
            }
            return payload;
        } catch (java.security.SignatureException e) {
            throw new WireFormatException("bad signature: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable", e);
        }
    }

    /** The payload without its signature, unchecked: for display only (the monitor). */
    public static byte[] strip(byte[] bytes) { return isSigned(bytes) ? Arrays.copyOfRange(bytes, HEADER, bytes.length) : bytes; }

    /**
     * The topic's UTF-8 bytes, strictly: {@code getBytes} would turn a lone surrogate into '?', so that two
     * topics shared one signature, and a two-byte length prefix cannot describe more than 65,535 bytes.
     */
    private static byte[] topicBytes(String topic) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(topic));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("topic is not well-formed Unicode (a lone surrogate)", e);
        }
        if (encoded.remaining() > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic is " + encoded.remaining() + " bytes; MQTT topics are at most " + MAX_TOPIC_BYTES);
        }
        byte[] t = new byte[encoded.remaining()];
        encoded.get(t);
        return t;
    }

    private static void feed(Signature s, byte[] t, byte[] payload) throws GeneralSecurityException {
        s.update(CONTEXT);
        s.update(new byte[] {(byte) (t.length >>> 8), (byte) t.length});
        s.update(t);
        s.update(payload);
    }
}
