package io.fedmq.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.fedmq.broker.ClientAuthenticator.ConnectRequest;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedmq's in-process HiveMQ extension. Embedded HiveMQ lets every client in unless an extension says
 * otherwise, so this one always registers an authenticator, even when the policy is {@code allowAll}: the
 * policy then changes in one place, never the wiring. Topic ACLs and size limits will register here too.
 */
final class SecurityExtension implements ExtensionMain {
    private static final Logger log = LoggerFactory.getLogger(SecurityExtension.class);

    private final ClientAuthenticator policy;
    private final BrokerLimits limits;

    private SecurityExtension(ClientAuthenticator policy, BrokerLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    static EmbeddedExtension embedded(ClientAuthenticator policy, BrokerLimits limits) {
        return EmbeddedExtension.builder()
                .withId("fedmq-security")
                .withName("fedmq security")
                .withVersion("1")
                .withAuthor("fedmq")
                // Runs before any extension a user drops into the extensions folder.
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new SecurityExtension(policy, limits))
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SimpleAuthenticator authenticator = this::onConnect;
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        // The extension's one client initializer: whatever else needs per-client interceptors must join it there.
        PublishRateLimiter.register(limits);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectRequest request = toRequest(input);
        boolean allowed;
        try {
            allowed = policy.allows(request);
        } catch (RuntimeException e) { // a broken policy must fail closed, not open
            log.error("Authenticator failed for client {}; refusing it", request.clientId(), e);
            allowed = false;
        }
        if (allowed) {
            output.authenticateSuccessfully();
        } else {
            log.warn("Refused connection of client {} from {}", request.clientId(), request.remoteAddress());
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
        }
    }

    private static ConnectRequest toRequest(SimpleAuthInput input) {
        ConnectPacket connect = input.getConnectPacket();
        byte[] password = connect.getPassword().map(SecurityExtension::bytes).orElse(null);
        String address = input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null);
        return new ConnectRequest(connect.getClientId(), connect.getUserName().orElse(null), password, address);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out); // the packet's buffer is shared and read-only
        return out;
    }
}
