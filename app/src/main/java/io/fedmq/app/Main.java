package io.fedmq.app;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fedmq} command line: one composition root per subcommand. */
@Command(name = "fedmq", mixinStandardHelpOptions = true, version = "fedmq 0.1.0",
        description = "Federated learning for IoT edge fleets over MQTT v5.",
        subcommands = {DemoCommand.class, BrokerCommand.class, OrchestratorCommand.class, NodeCommand.class,
                MonitorCommand.class, ModelsCommand.class, EnrollCommand.class, RevokeCommand.class, KeygenCommand.class, TlsCommand.class,
                SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; never calls System.exit. */
    public static int run(String... args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install(); // Paho and HiveMQ log through java.util.logging
        System.setProperty("org.deeplearning4j.crash.reporting.enabled", "false");
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(ConfigFile.reportingPlainly(cli.getParameterExceptionHandler()));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("fedmq: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("fedmq.trace")) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
