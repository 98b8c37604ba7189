package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyPairsTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 7748, section 6.1.
    private static final byte[] ALICE_PRIVATE = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PRIVATE = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUBLIC = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] SHARED = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    @Test
    void matchesRfc7748Vectors() throws Exception {
        assertArrayEquals(ALICE_PUBLIC, KeyPairs.derivePublic(KeyPairs.privateKey(ALICE_PRIVATE)));
        assertArrayEquals(BOB_PUBLIC, KeyPairs.derivePublic(KeyPairs.privateKey(BOB_PRIVATE)));
        assertArrayEquals(SHARED, KeyPairs.agree(KeyPairs.privateKey(ALICE_PRIVATE), KeyPairs.publicKey(BOB_PUBLIC)));
        assertArrayEquals(SHARED, KeyPairs.agree(KeyPairs.privateKey(BOB_PRIVATE), KeyPairs.publicKey(ALICE_PUBLIC)));
    }

    @Test
    void bothSidesAgreeOnTheSameSecret() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            KeyPair a = KeyPairs.generate(random);
            KeyPair b = KeyPairs.generate(random);
            byte[] ab = KeyPairs.agree(a.getPrivate(), b.getPublic());
            assertEquals(32, ab.length);
            assertArrayEquals(ab, KeyPairs.agree(b.getPrivate(), a.getPublic()));
        }
    }

    @Test
    void rawFormsRoundTrip() throws Exception {
        KeyPair pair = KeyPairs.generate(new SecureRandom());
        byte[] pub = KeyPairs.publicBytes(pair.getPublic());
        byte[] priv = KeyPairs.privateBytes(pair.getPrivate());
        assertEquals(32, pub.length);
        assertEquals(32, priv.length);
        assertArrayEquals(pub, KeyPairs.publicBytes(KeyPairs.publicKey(pub)));
        assertArrayEquals(priv, KeyPairs.privateBytes(KeyPairs.privateKey(priv)));
        assertArrayEquals(pub, KeyPairs.derivePublic(KeyPairs.privateKey(priv)));
    }

    @Test
    void refusesMalformedAndSmallOrderKeys() throws Exception {
        assertThrows(SecAggException.class, () -> KeyPairs.publicKey(new byte[31]));
        assertThrows(SecAggException.class, () -> KeyPairs.publicKey(null));
        assertThrows(SecAggException.class, () -> KeyPairs.privateKey(new byte[33]));
        byte[] highBit = ALICE_PUBLIC.clone();
        highBit[31] |= (byte) 0x80;
        assertThrows(SecAggException.class, () -> KeyPairs.publicKey(highBit), "non-canonical: top bit set");
        byte[] p = HEX.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); // 2^255 - 19
        assertThrows(SecAggException.class, () -> KeyPairs.publicKey(p), "non-canonical: u >= p");
        var mine = KeyPairs.privateKey(ALICE_PRIVATE);
        // u = 0 and u = 1 have small order: the agreement would be a constant anyone knows.
        assertThrows(SecAggException.class, () -> KeyPairs.agree(mine, KeyPairs.publicKey(new byte[32])));
        byte[] one = new byte[32];
        one[0] = 1;
        assertThrows(SecAggException.class, () -> KeyPairs.agree(mine, KeyPairs.publicKey(one)));
    }
}
