package io.fedmq.app;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.ClientAuthenticator;
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

    @Override
    public Integer call() throws Exception {
        ClientAuthenticator policy = open ? ClientAuthenticator.allowAll() : StoreAuthenticator.open(credentials);
        EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(dataDir, port).withHost(host).withAuthenticator(policy));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        try {
            broker.start();
            System.out.println("fedmq broker listening on " + broker.serverUri().replace("127.0.0.1", host) + " (data in " + dataDir + "); Ctrl-C stops it");
            System.out.println(open ? "OPEN: no authentication, no topic ACLs; anyone who reaches it can publish to the fleet"
                    : "secured: " + policy.describe() + "; add identities with ./fedmq enroll, remove them with ./fedmq revoke");
            stopped.await();
        } finally {
            broker.close(); // HiveMQ's threads are not daemons: never leave it running behind an exception
        }
        return 0;
    }
}
