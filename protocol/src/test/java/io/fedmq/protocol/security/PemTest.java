package io.fedmq.protocol.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    @TempDir Path dir;

    @Test
    void privateKeysRoundTripInEveryAlgorithmANodeMayBeGiven() throws Exception {
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            Path file = dir.resolve(algorithm + ".key");
            SecretFiles.write(file, Pem.privateKey(pair.getPrivate()));
            assertEquals(pair.getPrivate(), Pem.readPrivateKey(file), algorithm);
        }
    }

    @Test
    void keysItCannotUseAreRefusedWithTheCommandThatFixesThem() throws Exception {
        Path rsa = write("old.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        IOException old = assertThrows(IOException.class, () -> Pem.readPrivateKey(rsa));
        assertTrue(old.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in " + rsa), old.getMessage());
        Path enc = write("enc.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertTrue(assertThrows(IOException.class, () -> Pem.readPrivateKey(enc)).getMessage().contains("encrypted"));
        Path none = write("cert-only.pem", "hello\n");
        assertTrue(assertThrows(IOException.class, () -> Pem.readPrivateKey(none)).getMessage().contains("no PEM private key"));
        Path damaged = write("damaged.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertTrue(assertThrows(IOException.class, () -> Pem.readPrivateKey(damaged)).getMessage().contains("not EC, RSA or Ed25519, or is damaged"));
        assertTrue(assertThrows(IOException.class, () -> Pem.readCertificates(dir.resolve("missing.pem"))).getMessage().contains("no certificate file at"));
        assertTrue(assertThrows(IOException.class, () -> Pem.readCertificates(none)).getMessage().contains("holds no PEM certificate"));
    }

    /** What a user's own CA hands out: openssl's PEM, read as it is. Skipped only where openssl is missing. */
    @Test
    void readsWhatOpensslWrites() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=own CA", "-keyout", "ca.key", "-out", "ca.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=pi-1",
                "-keyout", "rsa.key", "-out", "rsa.pem");
        List<X509Certificate> ca = Pem.readCertificates(dir.resolve("ca.pem"));
        assertEquals("CN=own CA", ca.get(0).getSubjectX500Principal().getName());
        PrivateKey ec = Pem.readPrivateKey(dir.resolve("ca.key"));
        assertEquals("EC", ec.getAlgorithm());
        assertEquals("RSA", Pem.readPrivateKey(dir.resolve("rsa.key")).getAlgorithm());
        // A bundle: two certificates in one file, in order.
        Files.writeString(dir.resolve("bundle.pem"), Files.readString(dir.resolve("rsa.pem")) + Files.readString(dir.resolve("ca.pem")));
        List<X509Certificate> bundle = Pem.readCertificates(dir.resolve("bundle.pem"));
        assertEquals(2, bundle.size());
        assertEquals(ca.get(0), bundle.get(1));
        // What this class writes, openssl reads.
        Files.writeString(dir.resolve("again.pem"), Pem.certificates(bundle));
        run("openssl", "x509", "-in", "again.pem", "-noout");
    }

    private Path write(String name, String text) throws IOException { return Files.writeString(dir.resolve(name), text); }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
