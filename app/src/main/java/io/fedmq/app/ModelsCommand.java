package io.fedmq.app;

import io.fedmq.orchestrator.ModelRecord;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.ModelTrail;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SigningTransport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The model trail: every version with its parent, round, strategy, participation, metrics and verdict.",
        subcommands = {ModelsCommand.List.class, ModelsCommand.Show.class, ModelsCommand.Rollback.class})
final class ModelsCommand {
    @Option(names = "--model-dir", defaultValue = "fedmq-data/models", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the orchestrator's model trail (default: ${DEFAULT-VALUE})")
    Path modelDir;

    ModelTrail trail() {
        if (!Files.isDirectory(modelDir)) throw new IllegalArgumentException("no model trail at " + modelDir + " (see --model-dir)");
        return new ModelTrail(new ModelStore(modelDir, new WireCodec()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per version; * marks the one the fleet runs.")
    static final class List implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;

        @Override
        public Integer call() throws Exception {
            ModelTrail trail = parent.trail();
            long current = trail.current();
            PrintStream out = System.out;
            out.println("  version parent round strategy  selected trained reports accuracy   loss  status     reason");
            for (ModelRecord r : trail.list()) {
                out.printf(Locale.ROOT, "%s %7d %6d %5d %-9s %8d %7d %7d %8s %6s  %-10s %s%n", r.version() == current ? "*" : " ",
                        r.version(), r.parent(), r.round(), r.strategy(), r.selected(), r.participants(), r.reports(),
                        Format.number(r.accuracy(), 4), Format.number(r.loss(), 3), r.status(), r.reason());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Everything known about one version, and its history.")
    static final class Show implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;

        @Parameters(paramLabel = "VERSION", description = "the version, e.g. 7 or v7")
        String version;

        @Override
        public Integer call() throws Exception {
            ModelTrail trail = parent.trail();
            long v = parseVersion(version);
            ModelRecord r = trail.store().record(v).orElseThrow(() ->
                    new IllegalArgumentException("no model v" + v + " in " + parent.modelDir + "; see 'fedmq models list'"));
            GlobalModel m = trail.store().load(v);
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "version      v%d%s%n", v, v == trail.current() ? "  (accepted: the fleet runs it)" : "");
            out.printf(Locale.ROOT, "parent       v%d%n", r.parent());
            out.printf(Locale.ROOT, "round        %d%n", r.round());
            out.printf(Locale.ROOT, "created      %s%n", r.created());
            out.printf(Locale.ROOT, "model        %s, %s, %d parameters, %s on disk%n", m.spec().task(), m.spec().architecture(),
                    m.parameters().size(), Format.bytes(trail.store().modelBytes(v)));
            out.printf(Locale.ROOT, "sha-256      %s%n", r.hash());
            out.printf(Locale.ROOT, "strategy     %s%n", r.strategy());
            out.printf(Locale.ROOT, "nodes        %d selected, %d in the aggregate, %d evaluated it%n", r.selected(), r.participants(), r.reports());
            out.printf(Locale.ROOT, "accuracy     %s (example-weighted, on the nodes' held-out data)%n", Format.number(r.accuracy(), 4));
            out.printf(Locale.ROOT, "loss         %s%n", Format.number(r.loss(), 4));
            out.printf(Locale.ROOT, "status       %s: %s%n", r.status(), r.reason());
            java.util.List<String> history = trail.historyOf(v);
            if (!history.isEmpty()) {
                out.println("history");
                history.forEach(l -> out.println("  " + l));
            }
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Make an earlier accepted version the one the fleet runs: moves the trail's pointer and republishes it "
                    + "so the nodes switch; a running orchestrator trains from it from its next round on.")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Mixin FleetOptions fleet = new FleetOptions();
        @Mixin SigningOptions signing = new SigningOptions();
        @Mixin CredentialsOption credentials = new CredentialsOption();
        @Mixin TlsOptions tls = new TlsOptions();

        @Parameters(paramLabel = "VERSION", description = "an accepted version, e.g. 7 or v7")
        String version;

        @Option(names = "--no-publish", description = "only change the trail on disk; the orchestrator publishes it when it next starts a round")
        boolean noPublish;

        @Override
        public Integer call() throws Exception {
            ModelTrail trail = parent.trail();
            long v = parseVersion(version);
            // Read before the trail changes: a missing or unsafe credentials file must not leave half a rollback.
            io.fedmq.mqtt.MqttSettings.Credentials operator = noPublish ? null : credentials.credentials();
            java.security.KeyPair keys = noPublish ? null : signing.existingKeys();
            io.fedmq.mqtt.ClientTls clientTls = noPublish ? null : tls.tls(fleet.broker);
            long previous = trail.rollback(v);
            if (previous == v) {
                System.out.println("v" + v + " is already the accepted model");
            } else {
                System.out.println("rolled back the trail in " + parent.modelDir + " from v" + previous + " to v" + v);
            }
            if (noPublish) return 0;
            WireCodec codec = new WireCodec();
            try (Transport t = new SigningTransport(Connections.operator(fleet.broker, operator, clientTls), keys.getPrivate())) {
                trail.announce(t, new Topics(fleet.fleet), codec, previous);
            } catch (Exception e) {
                System.err.println("fedmq: the trail is rolled back, but publishing to " + fleet.broker + " failed (" + e.getMessage()
                        + "); the orchestrator publishes v" + v + " when it next starts a round or restarts");
                return 3;
            }
            System.out.println("published v" + v + " as the accepted model of fleet " + fleet.fleet + " on " + fleet.broker);
            return 0;
        }
    }

    static long parseVersion(String s) {
        String digits = s.startsWith("v") ? s.substring(1) : s;
        try {
            long v = Long.parseLong(digits);
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a version is a positive number such as 7 or v7, got '" + s + "'");
        }
    }
}
