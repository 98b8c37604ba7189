package io.fedmq.app;

import picocli.CommandLine.Option;

/** Where the fleet meets: shared by every command that connects to a broker. */
final class FleetOptions {
    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT v5 broker URI (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--fleet", defaultValue = "demo", description = "fleet name in the topic tree (default: ${DEFAULT-VALUE})")
    String fleet;
}
