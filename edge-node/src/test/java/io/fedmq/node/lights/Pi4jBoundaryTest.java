package io.fedmq.node.lights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pi4J stays in one adapter class, so that everything else about the LEDs is testable without it. */
class Pi4jBoundaryTest {
    @Test
    void onlyPi4jLedsImportsPi4j() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> users;
        try (Stream<Path> files = Files.walk(main)) {
            users = files.filter(p -> p.toString().endsWith(".java")).filter(Pi4jBoundaryTest::importsPi4j)
                    .map(p -> main.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of("io/fedmq/node/lights/Pi4jLeds.java"), users);
    }

    private static boolean importsPi4j(Path p) {
        try {
            return Files.readString(p).contains("import com.pi4j.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
