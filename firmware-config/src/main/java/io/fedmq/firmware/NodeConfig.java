package io.fedmq.firmware;

import io.fedmq.protocol.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import io.fedmq.protocol.security.SigningKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A node's validated configuration: what {@code fedmq node --config FILE} runs with. Built only through
 * {@link #load} or {@link #from}, which check every key and report every problem at once, each naming its key
 * and where it was set. Anything that depends on the machine rather than the file (does the state folder
 * exist?) is left to {@link Preflight}, so that the shipped template validates anywhere.
 *
 * @param nodeId   this node's id
 * @param broker   the broker URI, {@code tcp://} or {@code ssl://} with a port
 * @param fleet    the fleet name
 * @param data     where the node's own data comes from
 * @param shard    which share of that data it keeps
 * @param leds     the status LEDs
 * @param stateDir the node's writable folder
 * @param memory   the bounds of the JVM and of ND4J's native memory
 * @param tls      the TLS files for an {@code ssl://} broker; null for {@code tcp://}
 */
public record NodeConfig(String nodeId, String broker, String fleet, Path credentials, String orchestratorKey, DataSource data, Shard shard, Leds leds,
                         Path stateDir, Memory memory, Tls tls) {

    /** Which Pi4J provider drives the LEDs, or none. Named, never detected: see {@code Pi4jLeds}. */
    public enum LedProvider { GPIOD, MOCK, NONE }

    /** BCM pins usable for LEDs: GPIO2..GPIO27 on the 40-pin header of every Pi since the B+. */
    public static final int LOWEST_PIN = 2, HIGHEST_PIN = 27;

    /** What the JVM needs beyond heap and ND4J's tensors: metaspace, code cache, thread stacks, native libraries. */
    public static final Size PROCESS_OVERHEAD = Size.parse("128m");

    /** Who drives the LEDs, and the BCM pin of each. */
    public record Leds(LedProvider provider, int red, int yellow, int green, int blue) {
        public Leds {
            Objects.requireNonNull(provider, "provider");
        }
    }

    /**
     * @param kind {@code builtin} or {@code surnames}
     * @param path the folder, or null for built-in data
     */
    public record DataSource(String kind, Path path) {}

    /** Share {@code index} (1-based) of {@code count}. */
    public record Shard(int index, int count) {
        @Override
        public String toString() { return index + "/" + count; }
    }

    /**
     * @param heap    the JVM's {@code -Xmx}
     * @param offHeap JavaCPP's {@code maxbytes}: ND4J's tensors outside the heap
     * @param process JavaCPP's {@code maxphysicalbytes}: the process's resident memory, past which ND4J refuses
     *                to allocate rather than let the kernel's OOM killer pick a victim in someone's home
     */
    public record Memory(Size heap, Size offHeap, Size process) {}

    /**
     * @param ca          the CA certificate to trust, or null for the JDK's public CAs
     * @param certificate this node's certificate for mutual TLS, or null
     * @param key         its private key, or null (both or neither)
     */
    public record Tls(Path ca, Path certificate, Path key) {}

    /** Reads, checks and returns the config in {@code file}. */
    public static NodeConfig load(Path file) throws ConfigException {
        return from(ConfigFile.read(file));
    }

    /**
     * Checks settings and builds the config; later settings replace earlier ones with the same key, so
     * command-line options can be laid over a file.
     */
    public static NodeConfig from(List<Setting> settings) throws ConfigException {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting s : settings) {
            if (ConfigKey.of(s.key()).isPresent()) {
                byKey.put(s.key(), s);
            } else {
                problems.add(s.where() + ": unknown key " + s.key()
                        + ConfigKey.closestTo(s.key()).map(k -> " (did you mean " + k.key() + "?)").orElse(""));
            }
        }
        Reader r = new Reader(byKey, problems);
        String nodeId = r.get(ConfigKey.NODE_ID, v -> name(v, "a node id"));
        String broker = r.get(ConfigKey.BROKER, NodeConfig::brokerUri);
        String fleet = r.get(ConfigKey.FLEET, v -> name(v, "a fleet name"));
        Path credentials = r.get(ConfigKey.CREDENTIALS, v -> v.equals("none") ? null : Path.of(v));
        String orchestratorKey = r.get(ConfigKey.ORCHESTRATOR_KEY, NodeConfig::orchestratorKey);
        DataSource data = r.get(ConfigKey.DATA_SOURCE, NodeConfig::dataSource);
        Shard shard = r.get(ConfigKey.DATA_SHARD, NodeConfig::shard);
        Leds leds = leds(r);
        Path stateDir = r.get(ConfigKey.STATE_DIR, v -> absolutePath(v, "the state folder"));
        Memory memory = memory(r);
        Tls tls = tls(r, broker);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new NodeConfig(nodeId, broker, fleet, credentials, orchestratorKey, data, shard, leds, stateDir, memory, tls);
    }

    /** Looks keys up, applies defaults, and turns a failed parse into a problem naming the key. */
    private record Reader(Map<String, Setting> byKey, List<String> problems) {
        <T> T get(ConfigKey key, Function<String, T> parse) {
            Setting s = byKey.get(key.key());
            if (s == null && key.required()) {
                problems.add("missing required key " + key.key() + ": " + key.description());
                return null;
            }
            String value = s == null ? key.defaultValue().orElseThrow() : s.value();
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                problems.add(where(key) + key.key() + " = " + value + ": " + e.getMessage());
                return null;
            }
        }

        String where(ConfigKey key) {
            Setting s = byKey.get(key.key());
            return s == null ? "" : s.where() + ": ";
        }
    }

    /** A Base64 key must decode; anything else is taken as a file, checked when the node starts ({@link Preflight}). */
    private static String orchestratorKey(String v) {
        if (v.isBlank()) throw new IllegalArgumentException("empty: give the key or the file the orchestrator wrote");
        if (looksLikeKey(v)) SigningKeys.decodePublic(v);
        return v;
    }

    /** Whether the value is the key itself rather than a file naming it: Base64 of an X.509 Ed25519 key. */
    public static boolean looksLikeKey(String v) { return v.startsWith("MCowBQYDK2Vw"); }

    /** The pinned public key, read from the file when the value names one. */
    public java.security.PublicKey orchestratorPublicKey() throws java.io.IOException {
        String text = looksLikeKey(orchestratorKey) ? orchestratorKey
                : java.nio.file.Files.readString(Path.of(orchestratorKey), java.nio.charset.StandardCharsets.US_ASCII).trim();
        try {
            return SigningKeys.decodePublic(text);
        } catch (IllegalArgumentException e) {
            throw new java.io.IOException(ConfigKey.ORCHESTRATOR_KEY.key() + " = " + orchestratorKey + ": " + e.getMessage());
        }
    }

    private static String name(String v, String what) {
        if (!Topics.isValidName(v)) throw new IllegalArgumentException("not " + what + ": use 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit");
        return v;
    }

    private static String brokerUri(String v) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI (" + e.getReason() + "); write tcp://HOST:PORT, e.g. tcp://192.168.1.10:1883");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("the scheme must be tcp or ssl, e.g. tcp://192.168.1.10:1883 or ssl://broker.example:8883");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("no host; write " + scheme + "://HOST:PORT");
        if (uri.getPort() < 1 || uri.getPort() > 65_535) throw new IllegalArgumentException("no port; write " + scheme + "://" + uri.getHost() + ":PORT (1883 is MQTT's, 8883 with TLS)");
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("only " + scheme + "://HOST:PORT, without a path, query or user name");
        }
        return v;
    }

    private static DataSource dataSource(String v) {
        if (v.equals("builtin")) return new DataSource("builtin", null);
        if (v.startsWith("surnames:")) return new DataSource("surnames", absolutePath(v.substring("surnames:".length()), "the surnames folder"));
        throw new IllegalArgumentException("write builtin or surnames:/ABSOLUTE/DIR");
    }

    private static Shard shard(String v) {
        String[] parts = v.split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].strip()), n = Integer.parseInt(parts[1].strip());
                if (n >= 1 && i >= 1 && i <= n) return new Shard(i, n);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("write i/n with 1 <= i <= n, e.g. 2/4");
    }

    private static Path absolutePath(String v, String what) {
        Path p;
        try {
            p = Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + e.getReason());
        }
        if (!p.isAbsolute()) throw new IllegalArgumentException(what + " must be an absolute path, e.g. /var/lib/fedmq");
        return p.normalize();
    }

    /** The tls.* keys: for ssl:// only, a certificate with its key. */
    private static Tls tls(Reader r, String broker) {
        Path ca = r.get(ConfigKey.TLS_CA, v -> v.equals("system") ? null : absolutePath(v, "the CA certificate"));
        Path cert = r.get(ConfigKey.TLS_CERT, v -> v.equals("none") ? null : absolutePath(v, "the certificate"));
        Path key = r.get(ConfigKey.TLS_KEY, v -> v.equals("none") ? null : absolutePath(v, "the key"));
        boolean ssl = broker != null && broker.startsWith("ssl://");
        if (broker != null && !ssl) {
            for (ConfigKey k : List.of(ConfigKey.TLS_CA, ConfigKey.TLS_CERT, ConfigKey.TLS_KEY)) {
                if (r.byKey().containsKey(k.key())) {
                    r.problems().add(r.where(k) + k.key() + ": only for a TLS broker; mqtt.broker = " + broker + " is plain TCP (write ssl://HOST:8883)");
                }
            }
            return null;
        }
        if ((cert == null) != (key == null)) {
            ConfigKey set = cert != null ? ConfigKey.TLS_CERT : ConfigKey.TLS_KEY, missing = cert != null ? ConfigKey.TLS_KEY : ConfigKey.TLS_CERT;
            r.problems().add(r.where(set) + set.key() + ": needs " + missing.key() + " too: a certificate and its key go together");
        }
        return ssl ? new Tls(ca, cert, key) : null;
    }

    private static Leds leds(Reader r) {
        LedProvider provider = r.get(ConfigKey.LEDS_PROVIDER, v -> {
            try {
                return LedProvider.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("write gpiod, mock or none");
            }
        });
        List<ConfigKey> keys = List.of(ConfigKey.LEDS_RED, ConfigKey.LEDS_YELLOW, ConfigKey.LEDS_GREEN, ConfigKey.LEDS_BLUE);
        List<Integer> pins = new ArrayList<>();
        Map<Integer, ConfigKey> taken = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            Integer pin = r.get(key, NodeConfig::pin);
            pins.add(pin);
            if (pin == null) continue;
            ConfigKey other = taken.putIfAbsent(pin, key);
            if (other != null) {
                r.problems().add(r.where(key) + key.key() + " = " + pin + ": pin " + pin + " is already " + other.key() + "; each LED needs its own pin");
            }
        }
        if (provider == null || pins.contains(null)) return null;
        return new Leds(provider, pins.get(0), pins.get(1), pins.get(2), pins.get(3));
    }

    private static int pin(String v) {
        int pin;
        try {
            pin = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pin number: write the BCM number, e.g. 17 for GPIO17 (header pin 11)");
        }
        if (pin < LOWEST_PIN || pin > HIGHEST_PIN) {
            throw new IllegalArgumentException("not a usable BCM pin: use " + LOWEST_PIN + ".." + HIGHEST_PIN + " (GPIO2..GPIO27, not header pin numbers)");
        }
        return pin;
    }

    private static Memory memory(Reader r) {
        Size heap = r.get(ConfigKey.MEMORY_HEAP, v -> atLeast(Size.parse(v), "64m", "the node's JVM does not start in less"));
        Size offHeap = r.get(ConfigKey.MEMORY_OFFHEAP, v -> atLeast(Size.parse(v), "64m", "ND4J's tensors do not fit in less"));
        Size process = r.get(ConfigKey.MEMORY_PROCESS, Size::parse);
        if (heap == null || offHeap == null || process == null) return null;
        long needed = heap.bytes() + offHeap.bytes() + PROCESS_OVERHEAD.bytes();
        if (process.bytes() < needed) {
            r.problems().add(r.where(ConfigKey.MEMORY_PROCESS) + ConfigKey.MEMORY_PROCESS.key() + " = " + process + ": must be at least "
                    + "memory.heap + memory.offheap + " + PROCESS_OVERHEAD + " for the JVM itself = " + (needed >> 20) + "m");
            return null;
        }
        return new Memory(heap, offHeap, process);
    }

    private static Size atLeast(Size s, String min, String why) {
        if (s.bytes() < Size.parse(min).bytes()) throw new IllegalArgumentException("at least " + min + ": " + why);
        return s;
    }

    /** Where JavaCPP unpacks ND4J's native libraries (~400 MB once), instead of the home folder. */
    public Path javacppCacheDir() { return stateDir.resolve("javacpp"); }

    /** Where JNA unpacks its native library, instead of {@code ~/.cache/JNA}. */
    public Path jnaTmpDir() { return stateDir.resolve("jna"); }

    /** The config as the file would say it, for the log line a node prints at start. */
    public Map<ConfigKey, String> describe() {
        Map<ConfigKey, String> m = new EnumMap<>(ConfigKey.class);
        m.put(ConfigKey.NODE_ID, nodeId);
        m.put(ConfigKey.BROKER, broker);
        m.put(ConfigKey.FLEET, fleet);
        m.put(ConfigKey.CREDENTIALS, credentials == null ? "none" : credentials.toString());
        m.put(ConfigKey.ORCHESTRATOR_KEY, orchestratorKey);
        Tls t = tls == null ? new Tls(null, null, null) : tls;
        m.put(ConfigKey.TLS_CA, t.ca() == null ? "system" : t.ca().toString());
        m.put(ConfigKey.TLS_CERT, t.certificate() == null ? "none" : t.certificate().toString());
        m.put(ConfigKey.TLS_KEY, t.key() == null ? "none" : t.key().toString());
        m.put(ConfigKey.DATA_SOURCE, data.path() == null ? data.kind() : data.kind() + ":" + data.path());
        m.put(ConfigKey.DATA_SHARD, shard.toString());
        m.put(ConfigKey.LEDS_PROVIDER, leds.provider().name().toLowerCase(Locale.ROOT));
        m.put(ConfigKey.LEDS_RED, String.valueOf(leds.red()));
        m.put(ConfigKey.LEDS_YELLOW, String.valueOf(leds.yellow()));
        m.put(ConfigKey.LEDS_GREEN, String.valueOf(leds.green()));
        m.put(ConfigKey.LEDS_BLUE, String.valueOf(leds.blue()));
        m.put(ConfigKey.STATE_DIR, stateDir.toString());
        m.put(ConfigKey.MEMORY_HEAP, memory.heap().toString());
        m.put(ConfigKey.MEMORY_OFFHEAP, memory.offHeap().toString());
        m.put(ConfigKey.MEMORY_PROCESS, memory.process().toString());
        return m;
    }
}
