package io.fedmq.broker.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address, as a token bucket: {@link #BURST} wrong passwords at once, then one every
 * {@link #REFILL_SECONDS} s. Past that the broker refuses the address's connects before hashing anything, so a
 * password guesser gets a handful of guesses a minute and cannot make the broker burn a PBKDF2 check (a good
 * fraction of a second of CPU) per packet. Successful logins cost no tokens: a fleet reconnecting after an outage
 * is never slowed. Thread-safe; remembers at most {@link #MAX_ADDRESSES} addresses, forgetting the oldest.
 */
final class LoginThrottle {
    static final int BURST = 10;
    static final long REFILL_SECONDS = 6;
    static final int MAX_ADDRESSES = 10_000;
    private static final long REFILL_NANOS = REFILL_SECONDS * 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) { return size() > MAX_ADDRESSES; }
    };

    LoginThrottle(LongSupplier nanoTime) { this.nanoTime = nanoTime; }

    /** Whether a client from {@code address} may try a password now. */
    synchronized boolean mayTry(String address) {
        Bucket b = buckets.get(key(address));
        return b == null || b.tokens(nanoTime.getAsLong()) >= 1;
    }

    /** A wrong password or unknown name from {@code address}: one token less. */
    synchronized void failed(String address) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(key(address), k -> new Bucket(BURST, now));
        b.take(now);
    }

    /** Seconds until {@code address} may try again, for the log line. */
    synchronized long secondsUntilNextTry(String address) {
        Bucket b = buckets.get(key(address));
        if (b == null) return 0;
        double missing = 1 - b.tokens(nanoTime.getAsLong());
        return missing <= 0 ? 0 : (long) Math.ceil(missing * REFILL_SECONDS);
    }

    private static String key(String address) { return address == null ? "unknown address" : address; }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        double tokens(long now) {
            tokens = Math.min(BURST, tokens + (double) (now - at) / REFILL_NANOS);
            at = now;
            return tokens;
        }

        void take(long now) { tokens = Math.max(0, tokens(now) - 1); }
    }
}
