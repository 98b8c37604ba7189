package io.fedmq.app;

import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.Role;
import io.fedmq.broker.tls.CertificateAuthority;
import io.fedmq.mqtt.MqttSettings;
import io.fedmq.protocol.security.Pem;
import io.fedmq.protocol.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedmq enroll ID}: one new identity in the broker's credentials store, and what its program needs to
 * connect as it: {@code OUT/ID/credentials} (user name and password, mode 600) and, for a node, an orchestrator
 * or a monitor, {@code OUT/ID/<role>.properties}, which that command reads with {@code --config}.
 *
 * <p>The node's file is deliberately plain, one option per line, named as the {@code node} command's options
 * ({@code broker}, {@code fleet}, {@code id}, {@code credentials-file}, {@code orchestrator-key}), so that the Pi's
 * own config format can take the same values over.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Mint credentials for one identity (a node by default), store their hash in the broker's credentials file, "
                + "and write the identity's credentials (mode 600) and config. Prints where, never the password.")
final class EnrollCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the identity's name: for a node its node id, e.g. pi-kitchen")
    String id;

    @Option(names = "--role", defaultValue = "node", description = "node, orchestrator, monitor or operator (default: ${DEFAULT-VALUE})")
    String role;

    @Mixin FleetOptions fleet = new FleetOptions();

    @Option(names = "--all-fleets", description = "for a monitor: may watch every fleet on the broker")
    boolean allFleets;

    @Option(names = "--credentials", defaultValue = StoreOption.DEFAULT, paramLabel = "FILE",
            description = "the broker's credentials store (default: ${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--out", defaultValue = "fedmq-data/identities", paramLabel = "DIR",
            description = "where the identity's files go, in DIR/ID/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin PinnedKeyOption pinned = new PinnedKeyOption();

    @Option(names = "--tls", description = "also issue a client certificate (CN = ID) from the CA of `fedmq tls init`, for a broker that "
            + "requires them, and write the CA with it; the broker address must be ssl://")
    boolean tls;

    @Option(names = "--tls-dir", defaultValue = TlsCommand.DEFAULT_DIR, paramLabel = "DIR", description = "the CA's folder (default: ${DEFAULT-VALUE})")
    Path tlsDir;

    @Option(names = "--rotate", description = "replace an identity that exists: a new password; whoever holds the old one is disconnected")
    boolean rotate;

    @Override
    public Integer call() throws Exception {
        Role r = Role.parse(role);
        if (allFleets && r != Role.MONITOR) throw new IllegalArgumentException("--all-fleets is for a monitor only");
        String fleetName = allFleets ? Identity.ALL_FLEETS : fleet.fleet;
        String pinnedKey = r == Role.NODE ? pinnedKeyOrNull() : null; // read before anything is written
        CertificateAuthority ca = tls ? certificateAuthority() : null;
        byte[] password = Enrollment.enroll(store, id, r, fleetName, rotate);
        Path dir = out.resolve(id);
        Path credentials = dir.resolve("credentials");
        TlsFiles tlsFiles = ca == null ? null : TlsFiles.issue(ca, id, dir);
        try {
            CredentialsFile.write(credentials, id, password);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        Path config = switch (r) {
            case OPERATOR -> null;
            case NODE -> writeNodeConfig(dir.resolve("node.conf"), credentials, pinnedKey, tlsFiles);
            default -> writeConfig(dir.resolve(r.id() + ".properties"), r, credentials, pinnedKey, tlsFiles);
        };

        System.out.println((rotate ? "re-enrolled " : "enrolled ") + r.id() + " " + id
                + (allFleets ? " of every fleet" : " of fleet " + fleet.fleet) + " in " + store);
        System.out.println("  credentials: " + credentials + " (mode 600: copy it to the " + r.id() + " and keep it secret)");
        if (tlsFiles != null) System.out.println("  TLS:         " + tlsFiles.certificate() + " (CN=" + id + "), its key " + tlsFiles.key()
                + " (mode 600) and the CA " + tlsFiles.ca());
        if (config != null) System.out.println("  config:      " + config);
        System.out.println("  run it:      " + usage(r, config, credentials, tlsFiles));
        if (r == Role.NODE && pinnedKey == null) {
            System.out.println("  note: no orchestrator key at " + pinned.orchestratorKey + " yet; the node will read --orchestrator-key "
                    + "when it starts (or re-enroll with --rotate once the orchestrator has run)");
        }
        return 0;
    }

    /** The key to pin, or null when it is a file that does not exist yet (the orchestrator writes it on first start). */
    private String pinnedKeyOrNull() throws IOException {
        return pinned.publicKeyIfPresent().map(SigningKeys::encodePublic).orElse(null); // a key that is there but broken is an error
    }

    /** The CA of `fedmq tls init`, once the broker address is known to be TLS. */
    private CertificateAuthority certificateAuthority() throws IOException {
        if (!MqttSettings.usesTls(fleet.broker)) {
            throw new IllegalArgumentException("--tls needs the broker's TLS address: add --broker ssl://HOST:8883 (it is " + fleet.broker + ")");
        }
        if (!CertificateAuthority.existsIn(tlsDir)) {
            throw new IllegalArgumentException("no CA in " + tlsDir + ": run ./fedmq tls init first (or give --tls-dir)");
        }
        return CertificateAuthority.load(tlsDir);
    }

    /** Where an identity's TLS files went. */
    private record TlsFiles(Path ca, Path certificate, Path key) {
        static TlsFiles issue(CertificateAuthority ca, String id, Path dir) throws IOException {
            TlsFiles f = new TlsFiles(dir.resolve("ca.pem").toAbsolutePath(), dir.resolve("client.pem").toAbsolutePath(), dir.resolve("client.key").toAbsolutePath());
            ca.issueClient(id, CertificateAuthority.LEAF_VALIDITY).write(f.certificate, f.key);
            Files.writeString(f.ca, Pem.certificates(List.of(ca.certificate())), StandardCharsets.US_ASCII);
            return f;
        }
    }

    private Path writeConfig(Path file, Role r, Path credentials, String pinnedKey, TlsFiles tlsFiles) throws IOException {
        StringBuilder sb = new StringBuilder()
                .append("# fedmq ").append(r.id()).append(' ').append(id).append(", enrolled ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(java.util.Locale.ROOT)).substring(0, 19))
                .append(".\n# Read by: ./fedmq ").append(r.id()).append(" --config ").append(file).append('\n')
                .append("# Keys are the command's long options; options on the command line override them.\n")
                .append("broker=").append(fleet.broker).append('\n');
        if (!allFleets) sb.append("fleet=").append(fleet.fleet).append('\n');
        if (r == Role.NODE) sb.append("id=").append(id).append('\n');
        if (allFleets) sb.append("all-fleets=true\n");
        sb.append("credentials-file=").append(credentials.toAbsolutePath()).append('\n');
        if (tlsFiles != null) sb.append("tls-ca=").append(tlsFiles.ca()).append('\n').append("tls-cert=").append(tlsFiles.certificate())
                .append('\n').append("tls-key=").append(tlsFiles.key()).append('\n');
        if (pinnedKey != null) sb.append("# The orchestrator's Ed25519 public key: the node refuses every round and model it did not sign.\n")
                .append("orchestrator-key=").append(pinnedKey).append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * A node's config in the Pi's format (firmware-config/fedmq-node.conf): identity, broker, fleet, credentials, the
     * pinned orchestrator key, and a state folder beside it so the node runs here as it is; on a Pi, point
     * {@code state.dir} at /var/lib/fedmq and {@code mqtt.credentials} at where the file was copied.
     */
    private Path writeNodeConfig(Path file, Path credentials, String pinnedKey, TlsFiles tlsFiles) throws IOException {
        Path state = Files.createDirectories(file.resolveSibling("state"));
        StringBuilder sb = new StringBuilder()
                .append("# fedmq node ").append(id).append(", enrolled ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(java.util.Locale.ROOT)).substring(0, 19))
                .append(".\n# Read by: ./fedmq node --config ").append(file)
                .append("\n# Every key is documented in firmware-config/fedmq-node.conf; keys left out take their defaults.\n")
                .append("node.id = ").append(id).append('\n')
                .append("mqtt.broker = ").append(fleet.broker).append('\n')
                .append("fleet = ").append(fleet.fleet).append('\n')
                .append("mqtt.credentials = ").append(credentials.toAbsolutePath()).append('\n')
                .append("state.dir = ").append(state.toAbsolutePath()).append('\n');
        if (tlsFiles != null) sb.append("tls.ca = ").append(tlsFiles.ca()).append('\n').append("tls.cert = ").append(tlsFiles.certificate())
                .append('\n').append("tls.key = ").append(tlsFiles.key()).append('\n');
        if (pinnedKey != null) sb.append("# The orchestrator's Ed25519 public key: the node refuses every round and model it did not sign.\n")
                .append("orchestrator.key = ").append(pinnedKey).append('\n');
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static String usage(Role r, Path config, Path credentials, TlsFiles tls) {
        return switch (r) {
            case NODE -> "./fedmq node --config " + config + " --shard 1/1";
            case ORCHESTRATOR -> "./fedmq orchestrator --config " + config;
            case MONITOR -> "./fedmq monitor --config " + config;
            case OPERATOR -> "./fedmq models rollback VERSION --credentials-file " + credentials + (tls == null ? ""
                    : " --tls-ca " + tls.ca() + " --tls-cert " + tls.certificate() + " --tls-key " + tls.key());
        };
    }
}
