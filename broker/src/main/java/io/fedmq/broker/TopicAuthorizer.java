package io.fedmq.broker;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.fedmq.broker.Decision.Granted;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every PUBLISH (and Last Will) and every subscription of a granted client against its {@link AccessRule}s,
 * and logs each refusal with who tried what. A refusal is final. What the rules allow goes on to HiveMQ's default
 * permissions, built from the same rules by {@link #permissions}, so both must agree.
 *
 * <p>What a client sees when refused (HiveMQ CE, MQTT 5): a QoS 1 publish is answered with PUBACK reason code
 * 0x87 (not authorized), then the broker disconnects the client with reason 0x87; a subscription is answered with
 * SUBACK reason code 0x87 and the client stays connected.
 */
final class TopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
    private static final Logger log = LoggerFactory.getLogger(TopicAuthorizer.class);
    /** Connection attributes set at authentication: who the connection is, or that the broker is open. */
    static final String IDENTITY = "fedmq.identity";
    static final String OPEN = "fedmq.open";

    private final Function<String, Granted> grants;

    TopicAuthorizer(Function<String, Granted> grants) { this.grants = grants; }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        boolean retained = input.getPublishPacket().getRetain();
        Granted g = grantOf(input);
        if (g == null) {
            if (isOpen(input)) output.authorizeSuccessfully();
            else refusePublish(input, output, "an unauthenticated connection", topic, retained);
        } else if (g.mayPublish(topic, retained)) {
            output.nextExtensionOrDefault();
        } else {
            refusePublish(input, output, g.role() + " " + g.identity(), topic, retained);
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        Granted g = grantOf(input);
        if (g == null) {
            if (isOpen(input)) {
                output.authorizeSuccessfully();
                return;
            }
        } else if (g.maySubscribe(filter)) {
            output.nextExtensionOrDefault();
            return;
        }
        log.warn("Refused subscription of client {} ({}) to {}: not allowed for its role", LogText.untrusted(clientId(input)),
                g == null ? "unauthenticated" : g.role() + " " + g.identity(), LogText.untrusted(filter));
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized to subscribe to " + filter);
    }

    private static void refusePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output, String who, String topic, boolean retained) {
        log.warn("Refused {}publish of client {} ({}) on {}: not allowed for its role; disconnecting it", retained ? "retained " : "",
                LogText.untrusted(clientId(input)), who, LogText.untrusted(topic));
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized to publish " + (retained ? "retained " : "") + "on " + topic);
    }

    private Granted grantOf(ClientBasedInput input) {
        return attributes(input).getAsString(IDENTITY).map(grants).orElse(null);
    }

    private static boolean isOpen(ClientBasedInput input) { return attributes(input).getAsString(OPEN).isPresent(); }

    private static ConnectionAttributeStore attributes(ClientBasedInput input) {
        return input.getConnectionInformation().getConnectionAttributeStore();
    }

    private static String clientId(ClientBasedInput input) { return input.getClientInformation().getClientId(); }

    /** The rules as HiveMQ permissions: ALLOW only, for plain (never shared) subscriptions, at any QoS. */
    static List<TopicPermission> permissions(List<AccessRule> rules) {
        return rules.stream().map(r -> Builders.topicPermission()
                .topicFilter(r.filter())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(r.activity() == AccessRule.Activity.PUBLISH ? TopicPermission.MqttActivity.PUBLISH : TopicPermission.MqttActivity.SUBSCRIBE)
                .retain(r.retainAllowed() ? TopicPermission.Retain.ALL : TopicPermission.Retain.NOT_RETAINED)
                .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED)
                .qos(TopicPermission.Qos.ALL)
                .build()).toList();
    }
}
