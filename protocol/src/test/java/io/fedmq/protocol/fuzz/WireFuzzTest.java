package io.fedmq.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.RoundOutcome;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;

/**
 * Coverage-guided fuzz targets for the wire codec: the generic decoder, and one per message type as the
 * orchestrator and the nodes call it for a topic that carries one kind of message. {@link DecodeOracle} says
 * what each must hold.
 *
 * <p>In a normal {@code mvn test} these run in Jazzer's regression mode, once per file of the seed corpus in
 * {@code src/test/resources/io/fedmq/protocol/fuzz/WireFuzzTestInputs/} (one encoded sample of every message
 * kind, kept in step by {@link SeedCorpusTest}, plus every input that once made a target fail). Fuzzing is on
 * demand: {@code benchmarks/run-fuzz.sh}, one target per JVM as Jazzer requires.
 */
class WireFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void anyMessage(byte[] bytes) throws Exception { DecodeOracle.check(bytes, Message.class); }

    @FuzzTest(maxDuration = "5m")
    void roundState(byte[] bytes) throws Exception { DecodeOracle.check(bytes, RoundState.class); }

    @FuzzTest(maxDuration = "5m")
    void globalModel(byte[] bytes) throws Exception { DecodeOracle.check(bytes, GlobalModel.class); }

    @FuzzTest(maxDuration = "5m")
    void acceptedModel(byte[] bytes) throws Exception { DecodeOracle.check(bytes, AcceptedModel.class); }

    @FuzzTest(maxDuration = "5m")
    void modelUpdate(byte[] bytes) throws Exception { DecodeOracle.check(bytes, ModelUpdate.class); }

    @FuzzTest(maxDuration = "5m")
    void evaluationReport(byte[] bytes) throws Exception { DecodeOracle.check(bytes, EvaluationReport.class); }

    @FuzzTest(maxDuration = "5m")
    void nodeStatus(byte[] bytes) throws Exception { DecodeOracle.check(bytes, NodeStatus.class); }

    @FuzzTest(maxDuration = "5m")
    void keyAdvertisement(byte[] bytes) throws Exception { DecodeOracle.check(bytes, KeyAdvertisement.class); }

    @FuzzTest(maxDuration = "5m")
    void keyRoster(byte[] bytes) throws Exception { DecodeOracle.check(bytes, KeyRoster.class); }

    @FuzzTest(maxDuration = "5m")
    void encryptedShares(byte[] bytes) throws Exception { DecodeOracle.check(bytes, EncryptedShares.class); }

    @FuzzTest(maxDuration = "5m")
    void shareBundle(byte[] bytes) throws Exception { DecodeOracle.check(bytes, ShareBundle.class); }

    @FuzzTest(maxDuration = "5m")
    void maskedInput(byte[] bytes) throws Exception { DecodeOracle.check(bytes, MaskedInput.class); }

    @FuzzTest(maxDuration = "5m")
    void unmaskRequest(byte[] bytes) throws Exception { DecodeOracle.check(bytes, UnmaskRequest.class); }

    @FuzzTest(maxDuration = "5m")
    void unmaskShares(byte[] bytes) throws Exception { DecodeOracle.check(bytes, UnmaskShares.class); }

    @FuzzTest(maxDuration = "5m")
    void roundOutcome(byte[] bytes) throws Exception { DecodeOracle.check(bytes, RoundOutcome.class); }
}
