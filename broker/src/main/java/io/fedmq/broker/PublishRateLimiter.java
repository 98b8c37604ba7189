package io.fedmq.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps how fast one client may publish, since HiveMQ CE can throttle only the broker's total inbound bandwidth.
 * A token bucket: {@code burst} publishes at once, refilled at {@code perSecond}. A publish that finds the bucket
 * empty is not delivered, and a QoS 1 publisher gets PUBACK "quota exceeded" (0x97), so the client sees why.
 *
 * <p>One instance per connection (see {@link #register}): a client's budget is its own, and goes away with it.
 * HiveMQ calls one client's interceptors one publish at a time, but the bucket is synchronized anyway, as it is
 * cheap and the SDK does not promise it.
 */
final class PublishRateLimiter implements PublishInboundInterceptor {
    private static final Logger log = LoggerFactory.getLogger(PublishRateLimiter.class);

    private final String clientId;
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;
    private long refused;

    PublishRateLimiter(String clientId, double perSecond, int burst, LongSupplier nanoClock) {
        this.clientId = clientId;
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Gives every client that connects from now on a limiter of its own; call from an extension's start. */
    static void register(BrokerLimits limits) {
        if (!limits.limitsPublishRate()) return;
        Services.initializerRegistry().setClientInitializer((input, context) -> context.addPublishInboundInterceptor(
                new PublishRateLimiter(input.getClientInformation().getClientId(), limits.publishesPerSecond(),
                        limits.publishBurst(), System::nanoTime)));
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        if (tryAcquire()) return;
        output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED,
                "publish rate limit of " + perSecond + "/s (burst " + (long) burst + ") exceeded");
    }

    /** Takes one token if there is one; logs the first refusal of a run of them, and how many the run had. */
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        if (tokens >= 1) {
            if (refused > 0) log.info("client {} is within its publish rate again after {} refused publishes", clientId, refused);
            refused = 0;
            tokens -= 1;
            return true;
        }
        if (refused++ == 0) {
            log.warn("client {} exceeds its publish rate of {}/s (burst {}); refusing its publishes until it slows down",
                    clientId, perSecond, (long) burst);
        }
        return false;
    }
}
