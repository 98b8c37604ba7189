package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesRfc5869TestCase1() {
        byte[] okm = Hkdf.derive(HEX.parseHex("0b".repeat(22)), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertArrayEquals(HEX.parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"), okm);
    }

    @Test
    void matchesRfc5869TestCase2WithLongInputsAndThreeBlocks() {
        byte[] okm = Hkdf.derive(range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82);
        assertArrayEquals(HEX.parseHex("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"), okm);
    }

    @Test
    void matchesRfc5869TestCase3WithEmptySaltAndInfo() {
        byte[] expected = HEX.parseHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
        assertArrayEquals(expected, Hkdf.derive(HEX.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42));
        assertArrayEquals(expected, Hkdf.derive(HEX.parseHex("0b".repeat(22)), null, null, 42));
    }

    @Test
    void refusesLengthsRfc5869DoesNotDefine() {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(new byte[32], null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(new byte[32], null, null, 255 * 32 + 1));
    }

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (from + i);
        return b;
    }
}
