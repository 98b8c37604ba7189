package io.fedmq.firmware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JVM options a config asks for. Heap and native-memory bounds must be given to the JVM before it starts,
 * so the launcher ({@code ./fedmq node --config FILE}) runs {@link #main} first and starts the node's JVM with
 * what it prints: the config file stays the one place where a node's memory is set. The node then checks with
 * {@link #mismatches} that it really runs under those bounds, in case someone started it another way.
 */
public final class JvmOptions {
    private JvmOptions() {}

    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";
    static final String JNA_TMPDIR = "jna.tmpdir";

    /** {@code -Xmx}, JavaCPP's two bounds and cache folder, and JNA's folder, one option per element. */
    public static List<String> of(NodeConfig config) {
        return List.of(
                "-Xmx" + config.memory().heap(),
                "-D" + MAX_BYTES + "=" + config.memory().offHeap().bytes(),
                "-D" + MAX_PHYSICAL_BYTES + "=" + config.memory().process().bytes(),
                "-D" + CACHE_DIR + "=" + config.javacppCacheDir(),
                "-D" + JNA_TMPDIR + "=" + config.jnaTmpDir());
    }

    /**
     * How the running JVM differs from what the config asks, one sentence each; empty when it matches.
     *
     * @param maxHeap    {@link Runtime#maxMemory()}
     * @param properties the system properties
     */
    public static List<String> mismatches(NodeConfig config, long maxHeap, Map<?, ?> properties) {
        List<String> out = new ArrayList<>();
        if (maxHeap > config.memory().heap().bytes()) {
            out.add("the heap may grow to " + (maxHeap >> 20) + " MiB, past memory.heap = " + config.memory().heap());
        }
        expect(out, properties, MAX_BYTES, String.valueOf(config.memory().offHeap().bytes()), "memory.offheap = " + config.memory().offHeap());
        expect(out, properties, MAX_PHYSICAL_BYTES, String.valueOf(config.memory().process().bytes()), "memory.process = " + config.memory().process());
        expect(out, properties, CACHE_DIR, config.javacppCacheDir().toString(), "state.dir = " + config.stateDir());
        return out;
    }

    private static void expect(List<String> out, Map<?, ?> properties, String property, String wanted, String because) {
        Object actual = properties.get(property);
        if (!Objects.equals(wanted, actual)) {
            out.add("-D" + property + " is " + (actual == null ? "not set" : actual) + ", not " + wanted + " as " + because + " asks");
        }
    }

    /**
     * Prints the options for the config file {@code args[0]}, one per line, for the launcher. A bad config
     * prints its problems to stderr and exits with {@link ConfigException#EXIT_CODE}, before the node's JVM
     * is ever started.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JvmOptions CONFIG_FILE");
            System.exit(ConfigException.EXIT_CODE);
        }
        try {
            of(NodeConfig.load(Path.of(args[0]))).forEach(System.out::println);
        } catch (ConfigException e) {
            System.err.println("fedmq: " + args[0] + " is not a valid node config:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(ConfigException.EXIT_CODE);
        }
    }
}
