package io.fedmq.app;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true, description = "Run the embedded HiveMQ CE broker alone, until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a real fleet)")
    String host;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = "fedmq-data/broker", description = "config, retained messages and sessions (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(dataDir, port).withHost(host));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        try {
            broker.start();
            System.out.println("fedmq broker listening on " + broker.serverUri().replace("127.0.0.1", host) + " (data in " + dataDir + "); Ctrl-C stops it");
            stopped.await();
        } finally {
            broker.close(); // HiveMQ's threads are not daemons: never leave it running behind an exception
        }
        return 0;
    }
}
