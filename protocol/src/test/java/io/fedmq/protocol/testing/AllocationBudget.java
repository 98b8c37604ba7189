package io.fedmq.protocol.testing;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * Measures what one call allocates on the calling thread's heap, with HotSpot's per-thread allocation counter.
 * It is how the fuzz targets (and the hostile-length tests) check that a decoder never allocates from a length field it has not checked: a
 * 20-byte payload whose array header claims 2^31 elements must fail having allocated kilobytes, not gigabytes.
 *
 * <p>The first run of a code path also loads classes and links call sites (string concatenation, lambdas),
 * which allocates; so a call over budget is run once more and only the second, steady-state measurement
 * counts. The decoders are deterministic, so that second run does exactly the same work.
 */
public final class AllocationBudget {
    /** Slack for exceptions, their messages and stack traces, and the decoder's own small objects. */
    public static final long FIXED_BYTES = 256 << 10;
    /**
     * What one payload byte may cost at most: a zero-length string in a list costs a one-byte header on the wire
     * and a String, its byte array and two list slots on the heap, about 50 bytes.
     */
    public static final long PER_INPUT_BYTE = 64;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBudget() {}

    /** The budget for decoding {@code inputBytes} bytes. */
    public static long forInput(int inputBytes) { return FIXED_BYTES + PER_INPUT_BYTE * inputBytes; }

    /**
     * Runs {@code action} and returns its result, failing with an {@link AssertionError} when it allocated more
     * than {@code budget} bytes twice in a row. Exceptions from the action pass through unchanged.
     */
    public static <T> T within(long budget, String what, Callable<T> action) throws Exception {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T result = action.call();
        long used = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (used <= budget) return result;
        before = THREADS.getCurrentThreadAllocatedBytes();
        result = action.call();
        used = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (used > budget) throw new AssertionError(what + " allocated " + used + " bytes, budget " + budget);
        return result;
    }

    /** Bytes the calling thread allocated while {@code action} ran, once. */
    public static long measure(ThrowingRunnable action) throws Exception {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
