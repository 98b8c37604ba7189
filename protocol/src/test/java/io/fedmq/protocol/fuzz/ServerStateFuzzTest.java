package io.fedmq.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.aggregation.ServerState;
import io.fedmq.protocol.testing.AllocationBudget;

/**
 * Fuzz target for {@link ServerState#decode}, which reads a server optimizer's moments back from the model
 * trail: a damaged file must be refused with a {@link WireFormatException}, never crash the orchestrator or make
 * it allocate what a length field says. Seeds: {@code ServerStateFuzzTestInputs/} (see {@link SeedCorpusTest}).
 */
class ServerStateFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void decode(byte[] bytes) throws Exception {
        ServerState state = AllocationBudget.within(AllocationBudget.forInput(bytes.length), "decoding " + bytes.length + " bytes",
                () -> decodeOrNull(bytes));
        if (state == null) return;
        byte[] encoded = state.encode();
        ServerState again = ServerState.decode(encoded);
        assertEquals(state, again, "a decoded state must survive re-encoding");
        assertArrayEquals(encoded, again.encode(), "encoding must be stable");
    }

    private static ServerState decodeOrNull(byte[] bytes) {
        try {
            return ServerState.decode(bytes);
        } catch (WireFormatException e) {
            return null;
        }
    }
}
