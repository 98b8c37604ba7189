package io.fedmq.app;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.ClientAuthenticator;
import io.fedmq.broker.BrokerLimits;
import io.fedmq.broker.BrokerTls;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.auth.StoreAuthenticator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the embedded HiveMQ CE broker alone, until Ctrl-C. Clients must authenticate against the credentials "
                + "store (see `fedmq enroll`) and may use only their own topics.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a real fleet)")
    String host;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = "fedmq-data/broker", description = "config, retained messages and sessions (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--credentials", defaultValue = StoreOption.DEFAULT, paramLabel = "FILE",
            description = "the credentials store that `fedmq enroll` writes; reread when it changes (default: ${DEFAULT-VALUE})")
    Path credentials;

    @Option(names = "--open", description = "no authentication and no topic ACLs: anyone who reaches the broker may publish a model to the fleet. "
            + "For experiments on a machine of your own only")
    boolean open;


    @Option(names = "--tls-cert", paramLabel = "FILE", description = "the broker's certificate (PEM, with any intermediates): "
            + "turns on the TLS listener on --host; the plain TCP listener then serves 127.0.0.1 alone. `fedmq tls init` makes one")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "its private key (unencrypted PKCS#8 PEM, mode 600)")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE", description = "require a client certificate issued by this CA (PEM), "
            + "whose CN is the identity the client logs in as (mutual TLS)")
    Path tlsClientCa;

    @Option(names = "--tls-port", defaultValue = "8883", description = "the TLS port (default: ${DEFAULT-VALUE})")
    int tlsPort;

    @Option(names = "--max-packet-bytes", description = "largest MQTT packet accepted (default: 65 MiB, fedmq's largest message with room around it)")
    Integer maxPacketBytes;

    @Option(names = "--max-queued-messages", description = "per client, counting those in flight; the oldest go first (default: "
            + BrokerLimits.DEFAULT_MAX_QUEUED_MESSAGES + ")")
    Integer maxQueuedMessages;

    @Option(names = "--publish-rate", description = "per client, publishes per second, in bursts of up to --publish-burst; 0 turns it off (default: "
            + BrokerLimits.DEFAULT_PUBLISHES_PER_SECOND + ")")
    Double publishRate;

    @Option(names = "--publish-burst", description = "per client (default: " + BrokerLimits.DEFAULT_PUBLISH_BURST + ")")
    Integer publishBurst;

    @Override
    public Integer call() throws Exception {
        ClientAuthenticator policy = open ? ClientAuthenticator.allowAll() : StoreAuthenticator.open(credentials);
        EmbeddedBroker broker = new EmbeddedBroker(config().withAuthenticator(policy));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        try {
            broker.start();
            System.out.println("fedmq broker listening on " + (tlsCert == null ? broker.serverUri().replace("127.0.0.1", host)
                    : broker.tlsUri().replace("127.0.0.1", host) + (tlsClientCa == null ? " (TLS)" : " (TLS, client certificates required)")
                    + " and " + broker.serverUri() + " (plain, loopback only)") + " (data in " + dataDir + "); Ctrl-C stops it");
            System.out.println(open ? "OPEN: no authentication, no topic ACLs; anyone who reaches it can publish to the fleet"
                    : "secured: " + policy.describe() + "; add identities with ./fedmq enroll, remove them with ./fedmq revoke");
            stopped.await();
        } finally {
            broker.close(); // HiveMQ's threads are not daemons: never leave it running behind an exception
        }
        return 0;
    }

    /** The defaults, with what the options changed. */
    BrokerConfig config() throws java.io.IOException {
        BrokerConfig config = BrokerConfig.loopback(dataDir, port).withHost(host);
        if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        if (tlsClientCa != null && tlsCert == null) throw new IllegalArgumentException("--tls-client-ca needs the TLS listener: add --tls-cert and --tls-key");
        if (tlsCert != null) config = config.withTls(BrokerTls.fromPem(tlsPort, tlsCert, tlsKey, tlsClientCa));
        if (maxPacketBytes != null) config = config.withMaxPacketBytes(maxPacketBytes);
        BrokerLimits limits = config.limits();
        if (maxQueuedMessages != null) limits = limits.withMaxQueuedMessages(maxQueuedMessages);
        if (publishRate != null || publishBurst != null) {
            limits = limits.withPublishRate(publishRate != null ? publishRate : limits.publishesPerSecond(),
                    publishBurst != null ? publishBurst : limits.publishBurst());
        }
        return config.withLimits(limits);
    }
}
