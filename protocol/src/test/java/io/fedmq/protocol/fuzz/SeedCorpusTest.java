package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedmq.protocol.Message;
import io.fedmq.protocol.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the wire fuzzers' seed corpus in step with the wire format: one file per sample in {@link Samples},
 * holding exactly what the codec encodes today. A fuzzer that starts from real messages reaches deep into
 * every decoder at once instead of first having to guess an envelope.
 *
 * <p>After a wire change, rewrite the seeds with
 * {@code mvn -o -q test -pl protocol -Dtest=SeedCorpusTest -Dfedmq.fuzz.writeSeeds=true} and commit them.
 */
class SeedCorpusTest {
    /** Where Jazzer looks for WireFuzzTest's class-wide inputs (shared by all its targets). */
    static final Path WIRE_SEEDS = Path.of("src/test/resources/io/fedmq/protocol/fuzz/WireFuzzTestInputs");
    private static final String PREFIX = "seed-";

    /** File name to encoded bytes, for every sample message. */
    static Map<String, byte[]> expectedSeeds() {
        Map<String, byte[]> seeds = new TreeMap<>();
        List<Message> samples = Samples.allKinds();
        for (int i = 0; i < samples.size(); i++) {
            Message m = samples.get(i);
            seeds.put(String.format("%s%02d-%s", PREFIX, i, m.getClass().getSimpleName()), DecodeOracle.CODEC.encode(m));
        }
        return seeds;
    }

    @Test
    void wireSeedsAreTheCurrentEncodingOfEverySample() throws IOException {
        Map<String, byte[]> expected = expectedSeeds();
        if (Boolean.getBoolean("fedmq.fuzz.writeSeeds")) write(expected);
        assertEquals(hex(expected), hex(readSeeds()), "seed corpus is stale; see this class's comment to rewrite it");
    }

    private static Map<String, byte[]> readSeeds() throws IOException {
        Map<String, byte[]> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(WIRE_SEEDS)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && name.startsWith(PREFIX)) found.put(name, Files.readAllBytes(f));
            }
        }
        return found;
    }

    private static void write(Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(WIRE_SEEDS);
        try (Stream<Path> files = Files.list(WIRE_SEEDS)) {
            for (Path f : (Iterable<Path>) files::iterator) if (f.getFileName().toString().startsWith(PREFIX)) Files.delete(f);
        }
        for (var e : seeds.entrySet()) Files.write(WIRE_SEEDS.resolve(e.getKey()), e.getValue());
    }

    private static Map<String, String> hex(Map<String, byte[]> seeds) {
        Map<String, String> out = new TreeMap<>();
        seeds.forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
        return out;
    }
}
