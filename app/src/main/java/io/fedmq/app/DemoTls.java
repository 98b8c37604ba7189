package io.fedmq.app;

import io.fedmq.broker.BrokerTls;
import io.fedmq.broker.tls.CertificateAuthority;
import io.fedmq.broker.tls.CertificateAuthority.Issued;
import io.fedmq.mqtt.ClientTls;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The demo's TLS: a CA that lives for one run, in memory, a broker certificate for 127.0.0.1, and a client
 * certificate per identity. The same code paths as a real fleet's, minus the files.
 */
record DemoTls(CertificateAuthority ca, BrokerTls broker) {
    private static final Duration VALIDITY = Duration.ofDays(1);

    static DemoTls create() {
        CertificateAuthority ca = CertificateAuthority.create("fedmq demo CA", VALIDITY);
        Issued server;
        try {
            server = ca.issueServer("fedmq demo broker", List.of("localhost"), List.of(InetAddress.getByName("127.0.0.1")), VALIDITY);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is a literal address", e);
        }
        return new DemoTls(ca, new BrokerTls(0, server.key(), server.chain(), List.of(ca.certificate())));
    }

    /** What {@code identity} trusts and shows: the demo CA, and a certificate naming it. */
    ClientTls client(String identity) {
        Issued mine = ca.issueClient(identity, VALIDITY);
        return new ClientTls(List.of(ca.certificate()), mine.key(), mine.chain());
    }
}
