package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedmq.protocol.Message;
import io.fedmq.protocol.aggregation.ServerState;
import io.fedmq.protocol.security.SignedPayload;
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
 * Keeps the fuzz targets' seed corpora in step with the formats they fuzz: each seed file holds exactly what
 * the code encodes today for a real sample. A fuzzer that starts from real messages reaches deep into every
 * decoder at once instead of first having to guess an envelope. Files whose names do not start with
 * {@code seed-} (inputs that once made a target fail) are left alone.
 *
 * <p>After a format change, rewrite the seeds with
 * {@code mvn -o -q test -pl protocol -Dtest=SeedCorpusTest -Dfedmq.fuzz.writeSeeds=true} and commit them.
 */
class SeedCorpusTest {
    private static final Path INPUTS = Path.of("src/test/resources/io/fedmq/protocol/fuzz");
    private static final String PREFIX = "seed-";

    /** Jazzer reads a class's shared inputs from {@code <Class>Inputs/} and a target's own from a folder named after it. */
    static Map<Path, Map<String, byte[]>> expectedSeeds() {
        Map<Path, Map<String, byte[]>> corpora = new TreeMap<>();
        Map<String, byte[]> wire = new TreeMap<>();
        List<Message> samples = Samples.allKinds();
        for (int i = 0; i < samples.size(); i++) {
            Message m = samples.get(i);
            wire.put(String.format("%s%02d-%s", PREFIX, i, m.getClass().getSimpleName()), DecodeOracle.CODEC.encode(m));
        }
        corpora.put(INPUTS.resolve("WireFuzzTestInputs"), wire);

        Map<String, byte[]> signed = new TreeMap<>();
        byte[] model = DecodeOracle.CODEC.encode(Samples.model(3, 0.25f, -1.5f, 3.0f));
        signed.put(PREFIX + "signed-model", SignedPayload.sign(SignedPayloadFuzzTest.TOPIC, model, FixedKeys.ORCHESTRATOR.getPrivate()));
        signed.put(PREFIX + "signed-empty", SignedPayload.sign(SignedPayloadFuzzTest.TOPIC, new byte[0], FixedKeys.ORCHESTRATOR.getPrivate()));
        corpora.put(INPUTS.resolve("SignedPayloadFuzzTestInputs").resolve("open"), signed);

        Map<String, byte[]> states = new TreeMap<>();
        states.put(PREFIX + "empty", ServerState.EMPTY.encode());
        states.put(PREFIX + "adam", new ServerState(3, new float[] {0.5f, -1f, 0f}, new float[] {0.25f, 1f, 1e-8f}).encode());
        corpora.put(INPUTS.resolve("ServerStateFuzzTestInputs"), states);
        return corpora;
    }

    @Test
    void everySeedIsTheCurrentEncodingOfItsSample() throws IOException {
        for (var corpus : expectedSeeds().entrySet()) {
            if (Boolean.getBoolean("fedmq.fuzz.writeSeeds")) write(corpus.getKey(), corpus.getValue());
            assertEquals(hex(corpus.getValue()), hex(read(corpus.getKey())),
                    "seeds in " + corpus.getKey() + " are stale; see this class's comment to rewrite them");
        }
    }

    private static Map<String, byte[]> read(Path folder) throws IOException {
        Map<String, byte[]> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && name.startsWith(PREFIX)) found.put(name, Files.readAllBytes(f));
            }
        }
        return found;
    }

    private static void write(Path folder, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) if (f.getFileName().toString().startsWith(PREFIX)) Files.delete(f);
        }
        for (var e : seeds.entrySet()) Files.write(folder.resolve(e.getKey()), e.getValue());
    }

    private static Map<String, String> hex(Map<String, byte[]> seeds) {
        Map<String, String> out = new TreeMap<>();
        seeds.forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
        return out;
    }
}
