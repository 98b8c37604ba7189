package io.fedmq.app;

import io.fedmq.broker.tls.CertificateAuthority;
import io.fedmq.broker.tls.CertificateAuthority.Issued;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tls", mixinStandardHelpOptions = true, subcommands = TlsCommand.Init.class,
        description = "The fleet's own TLS certificates: a CA, the broker's certificate, and (through `fedmq enroll --tls`) one "
                + "client certificate per identity. A fleet with a CA of its own skips this: see the README.")
final class TlsCommand implements Callable<Integer> {
    static final String DEFAULT_DIR = "fedmq-data/tls";
    static final String BROKER_CERT = "broker.pem";
    static final String BROKER_KEY = "broker.key";

    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the fleet's CA (once; kept on later runs) and issue the broker's certificate for the names and "
                    + "addresses clients dial. Writes ca.pem, ca.key (mode 600), broker.pem and broker.key (mode 600).")
    static final class Init implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = DEFAULT_DIR, paramLabel = "DIR", description = "where the files go (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--name", paramLabel = "DNS", description = "a host name clients dial, e.g. fedmq-broker.local; repeatable "
                + "(default: localhost, this machine's name and its .local name)")
        List<String> names = new ArrayList<>();

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "an IP address clients dial, e.g. 192.168.1.10; repeatable (always: 127.0.0.1)")
        List<String> addresses = new ArrayList<>();

        @Option(names = "--reissue", description = "issue the broker's certificate again (new names, or a renewal); the CA and every "
                + "client certificate stay valid")
        boolean reissue;

        @Override
        public Integer call() throws Exception {
            boolean existing = CertificateAuthority.existsIn(dir);
            CertificateAuthority ca = existing ? CertificateAuthority.load(dir)
                    : CertificateAuthority.create("fedmq fleet CA " + hostName(), CertificateAuthority.CA_VALIDITY);
            if (!existing) ca.save(dir);
            System.out.println((existing ? "kept the CA:    " : "created the CA: ") + dir.resolve(CertificateAuthority.CERTIFICATE_FILE)
                    + " (its key " + dir.resolve(CertificateAuthority.KEY_FILE) + " never leaves this machine)");
            Path cert = dir.resolve(BROKER_CERT), key = dir.resolve(BROKER_KEY);
            if (Files.exists(cert) && !reissue) {
                System.out.println("kept the broker's certificate: " + cert + " (--reissue for new names)");
            } else {
                List<String> dns = dnsNames();
                List<InetAddress> ips = ipAddresses();
                Issued server = ca.issueServer("fedmq broker", dns, ips, CertificateAuthority.LEAF_VALIDITY);
                server.write(cert, key);
                System.out.println("issued the broker's certificate: " + cert + ", valid for " + String.join(", ", dns) + ", "
                        + String.join(", ", ips.stream().map(InetAddress::getHostAddress).toList()) + " until " + server.certificate().getNotAfter());
            }
            System.out.println("run the broker with TLS and client certificates:");
            System.out.println("  ./fedmq broker --host 0.0.0.0 --tls-cert " + cert + " --tls-key " + key + " --tls-client-ca "
                    + dir.resolve(CertificateAuthority.CERTIFICATE_FILE));
            System.out.println("enroll each identity with a certificate: ./fedmq enroll NAME --tls --broker ssl://HOST:8883");
            return 0;
        }

        private List<String> dnsNames() {
            if (!names.isEmpty()) return names;
            Set<String> out = new LinkedHashSet<>(List.of("localhost"));
            String host = hostName();
            if (!host.isEmpty()) {
                out.add(host);
                if (!host.contains(".")) out.add(host + ".local");
            }
            return List.copyOf(out);
        }

        private List<InetAddress> ipAddresses() throws java.net.UnknownHostException {
            Set<InetAddress> out = new LinkedHashSet<>(List.of(InetAddress.getByName("127.0.0.1")));
            for (String a : addresses) {
                if (!a.matches("[0-9a-fA-F.:]+")) throw new IllegalArgumentException("--ip " + a + ": not an IP address; give a host name with --name");
                out.add(InetAddress.getByName(a));
            }
            return List.copyOf(out);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "";
        }
    }
}
