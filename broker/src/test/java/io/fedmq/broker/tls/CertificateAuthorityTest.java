package io.fedmq.broker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.tls.CertificateAuthority.Issued;
import io.fedmq.protocol.security.Pem;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir Path dir;

    @Test
    void issuesCertificatesThatChainToItAndSayWhatTheyAreFor() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("home fleet CA", Duration.ofDays(30));
        Issued server = ca.issueServer("broker", List.of("fedmq-broker.local"), List.of(InetAddress.getByName("192.168.1.10")), Duration.ofDays(10));
        Issued client = ca.issueClient("pi-kitchen", Duration.ofDays(10));

        validates(server.chain(), ca.certificate());
        validates(client.chain(), ca.certificate());
        assertEquals(List.of(SERVER_AUTH), server.certificate().getExtendedKeyUsage());
        assertEquals(List.of(CLIENT_AUTH), client.certificate().getExtendedKeyUsage());
        assertTrue(client.certificate().getSubjectX500Principal().getName().contains("CN=pi-kitchen"));
        assertEquals(-1, client.certificate().getBasicConstraints(), "a leaf is no CA");
        assertEquals(0, ca.certificate().getBasicConstraints(), "the CA issues leaves only");
        var names = server.certificate().getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList();
        assertEquals(List.of("fedmq-broker.local", "192.168.1.10"), names);
        // A Pi without a real-time clock may run a little behind: certificates start an hour early.
        assertTrue(client.certificate().getNotBefore().getTime() < System.currentTimeMillis() - 3_000_000);
    }

    @Test
    void aCertificateOfAnotherCaDoesNotValidate() {
        CertificateAuthority ours = CertificateAuthority.create("ours", Duration.ofDays(1));
        Issued theirs = CertificateAuthority.create("theirs", Duration.ofDays(1)).issueClient("pi-1", Duration.ofDays(1));
        assertThrows(GeneralSecurityException.class, () -> validates(theirs.chain().subList(0, 1), ours.certificate()));
    }

    @Test
    void savesAndLoadsWithTheKeyReadableByItsOwnerAlone() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("fleet", Duration.ofDays(1));
        ca.save(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE))));
        CertificateAuthority again = CertificateAuthority.load(dir);
        assertEquals(ca.certificate(), again.certificate());
        Issued leaf = again.issueClient("pi-1", Duration.ofDays(1));
        validates(leaf.chain(), ca.certificate());

        leaf.write(dir.resolve("client.pem"), dir.resolve("client.key"));
        assertEquals(leaf.chain(), Pem.readCertificates(dir.resolve("client.pem")));
        assertEquals(leaf.key(), Pem.readPrivateKey(dir.resolve("client.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.key"))));
    }

    private static void validates(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(
                chain.stream().filter(c -> !c.equals(anchor)).toList()), params);
    }
}
