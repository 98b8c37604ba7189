package io.fedmq.broker.tls;

import io.fedmq.protocol.security.Pem;
import io.fedmq.protocol.security.SecretFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The fleet's own certificate authority: it issues the broker's server certificate and one client certificate per
 * identity, whose common name (CN) is the identity's name, e.g. the node id. A fleet that has a CA of its own
 * skips this class altogether: the broker and the clients read any PEM certificates (see the README).
 *
 * <p>Keys are EC P-256 (ECDSA with SHA-256): a handshake costs a Raspberry Pi a few milliseconds, and every TLS
 * 1.2/1.3 stack speaks it. Certificates start an hour in the past, because a Pi has no real-time clock and its
 * time is only as good as its last NTP sync.
 */
public final class CertificateAuthority {
    public static final String CERTIFICATE_FILE = "ca.pem";
    public static final String KEY_FILE = "ca.key";
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** 825 days: the longest leaf lifetime that every TLS client still accepts. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final PrivateKey key;
    private final X509Certificate certificate;

    private CertificateAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new CA with a self-signed certificate named {@code name}. */
    public static CertificateAuthority create(String name, Duration validity) {
        KeyPair pair = newKeyPair();
        X500Name subject = name(name);
        try {
            X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic(), validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0)); // issues leaves only
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(pair.getPrivate(), sign(b, pair.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a CA certificate", e);
        }
    }

    /** The CA that {@link #save} wrote into {@code dir}. */
    public static CertificateAuthority load(Path dir) throws IOException {
        X509Certificate cert = Pem.readCertificates(dir.resolve(CERTIFICATE_FILE)).get(0);
        PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
        if (cert.getBasicConstraints() < 0) throw new IOException(dir.resolve(CERTIFICATE_FILE) + " is not a CA certificate");
        return new CertificateAuthority(key, cert);
    }

    public static boolean existsIn(Path dir) { return Files.exists(dir.resolve(CERTIFICATE_FILE)); }

    /** Writes {@code ca.pem} (public: every client gets a copy) and {@code ca.key} (mode 600; it never leaves here). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        SecretFiles.write(dir.resolve(KEY_FILE), Pem.privateKey(key));
        Files.writeString(dir.resolve(CERTIFICATE_FILE), Pem.certificates(List.of(certificate)), StandardCharsets.US_ASCII);
    }

    public X509Certificate certificate() { return certificate; }

    /**
     * A server certificate for the broker, valid for each DNS name and IP address a client may dial: clients check
     * that the name in their {@code ssl://HOST:PORT} is one of them.
     */
    public Issued issueServer(String commonName, List<String> dnsNames, List<InetAddress> addresses, Duration validity) {
        if (dnsNames.isEmpty() && addresses.isEmpty()) throw new IllegalArgumentException("a server certificate needs at least one name or address");
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        addresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names.toArray(GeneralName[]::new)), validity);
    }

    /** A client certificate whose CN is the identity's name; the broker refuses it for any other user name. */
    public Issued issueClient(String identity, Duration validity) {
        return issue(identity, KeyPurposeId.id_kp_clientAuth, null, validity);
    }

    private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames altNames, Duration validity) {
        KeyPair pair = newKeyPair();
        try {
            X509v3CertificateBuilder b = builder(name(certificate.getSubjectX500Principal()), name(commonName), pair.getPublic(), validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (altNames != null) b.addExtension(Extension.subjectAlternativeName, false, altNames);
            return new Issued(pair.getPrivate(), List.of(sign(b, key), certificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        if (validity.isNegative() || validity.isZero()) throw new IllegalArgumentException("validity must be positive");
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE); // positive, unguessable
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X500Name name(String commonName) {
        Objects.requireNonNull(commonName, "commonName");
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "fedmq").addRDN(BCStyle.CN, commonName).build();
    }

    private static X500Name name(javax.security.auth.x500.X500Principal p) { return X500Name.getInstance(p.getEncoded()); }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every Java 17 runtime", e);
        }
    }

    /**
     * A key and its certificate chain (the leaf first, then the CA).
     */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {
        public Issued {
            Objects.requireNonNull(key, "key");
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() { return chain.get(0); }

        /** Writes the chain as PEM and the key as mode-600 PKCS#8 PEM. */
        public void write(Path certificateFile, Path keyFile) throws IOException {
            SecretFiles.write(keyFile, Pem.privateKey(key));
            Files.createDirectories(certificateFile.toAbsolutePath().getParent());
            Files.writeString(certificateFile, Pem.certificates(chain), StandardCharsets.US_ASCII);
        }
    }
}
