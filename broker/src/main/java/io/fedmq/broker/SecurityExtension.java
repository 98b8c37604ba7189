package io.fedmq.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.fedmq.broker.ClientAuthenticator.ConnectRequest;
import io.fedmq.broker.Decision.Granted;
import io.fedmq.broker.Decision.Open;
import io.fedmq.broker.Decision.Refused;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedmq's in-process HiveMQ extension: it turns the {@link ClientAuthenticator}'s decisions into HiveMQ's.
 * Embedded HiveMQ lets every client in unless an extension says otherwise, so this one always registers, even for
 * the open policy: the policy then changes in one place, never the wiring.
 *
 * <ul>
 *   <li>Authentication runs on threads of its own, not HiveMQ's extension threads: a PBKDF2 check takes a good
 *       fraction of a second, and HiveMQ's few extension threads also authorize every publish.
 *   <li>A granted client gets its {@link AccessRule}s as HiveMQ default permissions with default DENY, and the
 *       {@link TopicAuthorizer} checks every publish and subscribe against the same rules first, to log each
 *       refusal and to close a gap in HiveMQ's matching of wildcard subscriptions (see {@link TopicFilters}).
 *   <li>Every second it asks the policy which grants were withdrawn (a revocation, a new password) and disconnects
 *       those clients.
 * </ul>
 */
final class SecurityExtension implements ExtensionMain {
    private static final Logger log = LoggerFactory.getLogger(SecurityExtension.class);
    /** How long a CONNECT may wait for its password check, queue included, before it is refused. */
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(60);
    private static final long WITHDRAWAL_POLL_MS = 1_000;

    private final ClientAuthenticator policy;
    /** The grant of every identity connected since start, by name: looked up by the authorizer for each packet. */
    private final Map<String, Granted> grants = new ConcurrentHashMap<>();
    private ExecutorService checker;
    private ScheduledFuture<?> watcher;
    private final BrokerLimits limits;

    private SecurityExtension(ClientAuthenticator policy, BrokerLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    static EmbeddedExtension embedded(ClientAuthenticator policy, BrokerLimits limits) {
        return EmbeddedExtension.builder()
                .withId("fedmq-security")
                .withName("fedmq security")
                .withVersion("2")
                .withAuthor("fedmq")
                // Runs before any extension a user drops into the extensions folder.
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new SecurityExtension(policy, limits))
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        checker = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fedmq-auth-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SimpleAuthenticator authenticator = this::onConnect;
        TopicAuthorizer authorizer = new TopicAuthorizer(grants::get);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        watcher = Services.extensionExecutorService().scheduleWithFixedDelay(this::disconnectWithdrawn,
                WITHDRAWAL_POLL_MS, WITHDRAWAL_POLL_MS, TimeUnit.MILLISECONDS);
        // The extension's one client initializer: whatever else needs per-client interceptors must join it there.
        PublishRateLimiter.register(limits);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        if (watcher != null) watcher.cancel(false);
        if (checker != null) checker.shutdownNow();
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectRequest request = toRequest(input);
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        String transport = input.getConnectionInformation().getClientTlsInformation().map(t -> " over " + t.getProtocol()).orElse(" in clear");
        Async<SimpleAuthOutput> async = output.async(AUTH_TIMEOUT, TimeoutFallback.FAILURE);
        try {
            checker.execute(() -> {
                try {
                    apply(decide(request), request, transport, attributes, output);
                } finally {
                    async.resume();
                }
            });
        } catch (RejectedExecutionException e) { // stopping
            output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the broker is stopping");
            async.resume();
        }
    }

    private Decision decide(ConnectRequest request) {
        try {
            return policy.authenticate(request);
        } catch (RuntimeException e) { // a broken policy must fail closed, not open
            log.error("The authenticator failed for client {}; refusing it", LogText.untrusted(request.clientId()), e);
            return Decision.refuse(Decision.Reason.POLICY_FAILED, "the authenticator failed: " + e);
        }
    }

    private void apply(Decision decision, ConnectRequest request, String transport, ConnectionAttributeStore attributes, SimpleAuthOutput output) {
        String from = request.remoteAddress() == null ? "an unknown address" : request.remoteAddress();
        if (decision instanceof Open) {
            attributes.putAsString(TopicAuthorizer.OPEN, "true");
            output.authenticateSuccessfully();
        } else if (decision instanceof Granted g) {
            ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
            permissions.clear();
            permissions.addAll(TopicAuthorizer.permissions(g.rules()));
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            grants.put(g.identity(), g);
            attributes.putAsString(TopicAuthorizer.IDENTITY, g.identity());
            output.authenticateSuccessfully();
            log.info("Client {} from {} authenticated as {} {}{}", LogText.untrusted(request.clientId()), from, g.role(), g.identity(), transport);
        } else if (decision instanceof Refused r) {
            log.warn("Refused connection from {}: {}", from, r.detail());
            output.failAuthentication(connackCode(r.reason()), r.reason().badCredentials() ? "bad user name or password"
                    : r.reason() == Decision.Reason.CLIENT_ID_NOT_BOUND ? "client id not bound to this identity"
                    : r.reason() == Decision.Reason.CERTIFICATE_MISMATCH ? "certificate does not match the user name"
                    : r.reason() == Decision.Reason.THROTTLED ? "too many failed logins; try again later" : "not authorized");
        }
    }

    /** Bad credentials all look alike to the client; the log line says which it was. */
    private static ConnackReasonCode connackCode(Decision.Reason reason) {
        if (reason.badCredentials()) return ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
        if (reason == Decision.Reason.CLIENT_ID_NOT_BOUND) return ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
        if (reason == Decision.Reason.THROTTLED) return ConnackReasonCode.CONNECTION_RATE_EXCEEDED;
        return ConnackReasonCode.NOT_AUTHORIZED;
    }

    /** Runs every second on HiveMQ's extension executor. */
    private void disconnectWithdrawn() {
        Optional<Predicate<String>> withdrawn;
        try {
            withdrawn = policy.withdrawn();
        } catch (RuntimeException e) {
            log.error("The authenticator failed to say whose grant was withdrawn", e);
            return;
        }
        if (withdrawn.isEmpty()) return;
        Predicate<String> gone = withdrawn.get();
        var clients = Services.clientService();
        clients.iterateAllClients((context, session) -> {
            String clientId = session.getClientIdentifier();
            if (session.isConnected() && gone.test(clientId)) {
                clients.disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED, "credentials revoked or changed");
                log.warn("Disconnected client {}: its credentials were revoked or changed", LogText.untrusted(clientId));
            }
        }).exceptionally(e -> {
            log.error("Could not look for clients whose credentials were withdrawn; they stay until they reconnect", e);
            return null;
        });
    }

    private static ConnectRequest toRequest(SimpleAuthInput input) {
        ConnectPacket connect = input.getConnectPacket();
        byte[] password = connect.getPassword().map(SecurityExtension::bytes).orElse(null);
        String address = input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null);
        String cn = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate).map(SecurityExtension::commonName).orElse(null);
        return new ConnectRequest(connect.getClientId(), connect.getUserName().orElse(null), password, address, cn);
    }

    /** The certificate's one CN, or "" when it has none or several (which then matches no identity). */
    static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) return "";
        return IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out); // the packet's buffer is shared and read-only
        return out;
    }
}
