package io.fedmq.app;

import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Print every fedmq message of a fleet as one readable line (MessagePack decoded, tensors summarized).")
final class MonitorCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "read options from this properties file (as `fedmq enroll --role monitor` writes it); options given here override it")
    void configFile(Path file) { command.defaultValueProvider(ConfigFile.read(file, command)); }

    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin CredentialsOption credentials = new CredentialsOption();
    @Mixin TlsOptions tls = new TlsOptions();

    @Option(names = "--all-fleets", description = "watch every fleet on the broker")
    boolean allFleets;

    @Option(names = "--count", description = "exit after this many messages")
    Integer count;

    @Option(names = "--timeout", description = "exit after this long, ISO-8601 (e.g. PT30S)")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        String filter = allFleets ? Topics.ROOT + "/#" : new Topics(fleet.fleet).all();
        MessageFormatter formatter = new MessageFormatter(new WireCodec());
        CountDownLatch done = new CountDownLatch(count == null ? 1 : count);
        try (Transport t = Connections.monitor(fleet.broker, credentials.credentials(), tls.tls(fleet.broker))) {
            t.subscribe(filter, (topic, payload, retained) -> {
                System.out.println(LocalTime.now().format(TIME) + (retained ? " R " : "   ") + formatter.format(topic, payload));
                if (count != null) done.countDown();
            });
            System.err.println("monitoring " + filter + " on " + fleet.broker + (count == null && timeout == null ? "; Ctrl-C stops" : ""));
            if (timeout != null) done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            else done.await();
        }
        return 0;
    }
}
