package io.fedmq.firmware;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Every key the node's config file may hold: the schema, in one place. The README's key table, the template
 * and this enum are kept in step by a test.
 */
public enum ConfigKey {
    NODE_ID("node.id", null, "this node's id in the fleet: 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit"),
    BROKER("mqtt.broker", null, "the MQTT v5 broker, tcp://HOST:PORT or ssl://HOST:PORT"),
    FLEET("fleet", null, "the fleet's name in the topic tree; the same on every node and the orchestrator"),
    CREDENTIALS("mqtt.credentials", "none", "the file with this node's MQTT user name and password (mode 600), as "
            + "`fedmq enroll` writes it; none connects anonymously, which only an open broker accepts"),
    ORCHESTRATOR_KEY("orchestrator.key", "/etc/fedmq/orchestrator.key.pub", "the orchestrator's Ed25519 public key, as one Base64 line or a file holding it; "
            + "the node refuses every round and model it did not sign"),
    TLS_CA("tls.ca", "system", "for an ssl:// broker: the CA certificate (PEM) the broker's certificate must chain to; "
            + "system trusts the JDK's public CAs"),
    TLS_CERT("tls.cert", "none", "for mutual TLS: this node's certificate (PEM), whose CN is the node id; none shows no certificate"),
    TLS_KEY("tls.key", "none", "for mutual TLS: the certificate's private key (unencrypted PKCS#8 PEM, mode 600)"),
    DATA_SOURCE("data.source", "builtin", "builtin (the demo surnames) or surnames:/ABSOLUTE/DIR (one <Language>.txt per language)"),
    DATA_SHARD("data.shard", "1/1", "which share i/n of the data this node keeps; 1/1 keeps all of it"),
    LEDS_PROVIDER("leds.provider", "mock", "gpiod (real pins on a Pi), mock (no hardware) or none (no LEDs)"),
    LEDS_RED("leds.red", "17", "BCM pin of the red LED (error)"),
    LEDS_YELLOW("leds.yellow", "27", "BCM pin of the yellow LED (training, evaluating)"),
    LEDS_GREEN("leds.green", "22", "BCM pin of the green LED (idle heartbeat, model accepted)"),
    LEDS_BLUE("leds.blue", "23", "BCM pin of the blue LED (uploading, evaluating)"),
    STATE_DIR("state.dir", "/var/lib/fedmq", "the node's own writable folder: native-library cache, nothing per message"),
    MEMORY_HEAP("memory.heap", "256m", "the JVM heap (-Xmx)"),
    MEMORY_OFFHEAP("memory.offheap", "320m", "ND4J's off-heap tensors (JavaCPP maxbytes)"),
    MEMORY_PROCESS("memory.process", "768m", "the whole process as JavaCPP counts it (maxphysicalbytes); keep under the unit's MemoryMax");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() { return key; }

    /** The value used when the file leaves the key out; empty for a required key. */
    public Optional<String> defaultValue() { return Optional.ofNullable(defaultValue); }

    public boolean required() { return defaultValue == null; }

    public String description() { return description; }

    public static Optional<ConfigKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The known key closest to a misspelt one, if any is close: "leds.gren" finds "leds.green". */
    static Optional<ConfigKey> closestTo(String unknown) {
        return Arrays.stream(values())
                .filter(k -> distance(k.key, unknown) <= 2 || lastPart(k.key).equals(lastPart(unknown)))
                .min(Comparator.comparingInt(k -> distance(k.key, unknown)));
    }

    private static String lastPart(String key) { return key.substring(key.lastIndexOf('.') + 1); }

    private static int distance(String a, String b) { return EditDistance.levenshtein(a, b); }
}
