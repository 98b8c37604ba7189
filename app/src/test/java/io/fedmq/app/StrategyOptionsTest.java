package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.aggregation.FedAdam;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.aggregation.FedProx;
import io.fedmq.protocol.aggregation.FedYogi;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StrategyOptionsTest {
    private static final TrainingPlan BASE = new TrainingPlan(2, 64, 0.01);

    private static StrategyOptions demo(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo.aggregation;
    }

    @Test
    void defaultsToFedAvgWithoutAProximalTerm() {
        StrategyOptions o = demo();
        assertInstanceOf(FedAvg.class, o.strategy());
        assertEquals(BASE, o.plan(BASE));
    }

    @Test
    void fedProxSendsItsMuToTheNodesAndNoOtherStrategyDoes() {
        assertEquals(0.01, demo("--strategy", "fedprox").plan(BASE).proximalMu());
        StrategyOptions prox = demo("--strategy", "fedprox", "--proximal-mu", "0.1");
        assertEquals(0.1, assertInstanceOf(FedProx.class, prox.strategy()).proximalMu());
        assertEquals(BASE.withProximalMu(0.1), prox.plan(BASE));
        assertEquals(0, demo("--strategy", "fedadam", "--proximal-mu", "0.1").plan(BASE).proximalMu());
    }

    @Test
    void adaptiveStrategiesTakeTheServerOptimizerKnobs() {
        FedAdam adam = assertInstanceOf(FedAdam.class, demo("--strategy", "fedadam", "--server-lr", "0.03").strategy());
        assertEquals(0.03, adam.serverLr());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.99, adam.beta2());
        assertEquals(1e-3, adam.tau());
        FedYogi yogi = assertInstanceOf(FedYogi.class,
                demo("--strategy", "FedYogi", "--beta1", "0.5", "--beta2", "0.9", "--tau", "0.01").strategy());
        assertEquals(Double.parseDouble(StrategyOptions.SERVER_LR), yogi.serverLr());
        assertEquals(0.5, yogi.beta1());
        assertEquals(0.9, yogi.beta2());
        assertEquals(0.01, yogi.tau());
    }

    @Test
    void anUnknownStrategyIsAUsageErrorListingTheValidOnes() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> demo("--strategy", "fedsgd"));
        assertTrue(e.getMessage().contains("unknown strategy 'fedsgd'; choose one of fedavg, fedprox, fedadam, fedyogi"), e.getMessage());
    }

    @Test
    void theOrchestratorTakesTheSameOptions() {
        OrchestratorCommand o = new OrchestratorCommand();
        new CommandLine(o).parseArgs("--strategy", "fedprox", "--proximal-mu", "0.05");
        assertEquals(0.05, o.aggregation.plan(BASE).proximalMu());
        String help = new CommandLine(new OrchestratorCommand()).getUsageMessage();
        assertTrue(help.contains("--strategy") && help.contains("fedavg, fedprox, fedadam, fedyogi"), help);
    }
}
