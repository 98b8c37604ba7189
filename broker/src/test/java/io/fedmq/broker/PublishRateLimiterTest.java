package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket alone, on a clock the test moves. */
class PublishRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheBurstAtOnceThenTheRateAndNeverMoreThanTheBurst() {
        PublishRateLimiter limiter = new PublishRateLimiter("pi-1", 2, 3, nanos::get);
        for (int i = 0; i < 3; i++) assertTrue(limiter.tryAcquire(), "burst publish " + i);
        assertFalse(limiter.tryAcquire(), "the bucket is empty");

        nanos.addAndGet(499_000_000L); // 0.998 of a token
        assertFalse(limiter.tryAcquire());
        nanos.addAndGet(2_000_000L);
        assertTrue(limiter.tryAcquire(), "2 per second: one token after half a second");
        assertFalse(limiter.tryAcquire());

        nanos.addAndGet(3_600_000_000_000L); // an hour idle refills to the burst, not beyond
        for (int i = 0; i < 3; i++) assertTrue(limiter.tryAcquire(), "refilled publish " + i);
        assertFalse(limiter.tryAcquire());
    }
}
