package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's memory of the newest pointer epoch it followed, in its state folder. */
class EpochFileTest {
    @TempDir Path state;

    @Test
    void remembersTheEpochAcrossInstancesAndReadsADamagedFileAsNone() throws Exception {
        assertEquals(0, new EpochFile(state).load(), "a new node has followed nothing");
        new EpochFile(state).save(7);
        assertEquals(7, new EpochFile(state).load(), "what one run saved, the next reads");
        assertEquals("7", Files.readString(state.resolve(EpochFile.NAME)));
        Files.writeString(state.resolve(EpochFile.NAME), "seven");
        assertEquals(0, new EpochFile(state).load(), "damaged: reported, and the node runs as before epochs");
    }
}
