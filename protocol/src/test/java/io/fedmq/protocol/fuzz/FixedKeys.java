package io.fedmq.protocol.fuzz;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Ed25519 key pairs drawn from a fixed byte, so that a signed seed written once stays valid in every later run
 * (Ed25519 signatures are deterministic): a fuzz target's regression inputs must mean the same thing forever.
 */
final class FixedKeys {
    static final KeyPair ORCHESTRATOR = ed25519((byte) 7);
    static final KeyPair OTHER = ed25519((byte) 8);

    private FixedKeys() {}

    private static KeyPair ed25519(byte fill) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) { Arrays.fill(bytes, fill); }
            });
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }
}
