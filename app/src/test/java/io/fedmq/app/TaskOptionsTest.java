package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --task} on the orchestrator and the demo: which model, and which demo. */
class TaskOptionsTest {
    private static TaskOptions orchestrator(String... args) {
        OrchestratorCommand c = new OrchestratorCommand();
        new CommandLine(c).parseArgs(args);
        return c.task;
    }

    private static DemoCommand demo(String... args) {
        DemoCommand c = new DemoCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void eachTaskNamesItsModel() throws Exception {
        assertEquals(new ModelSpec("occupancy", "mlp", List.of("vacant", "occupied")), orchestrator("--task", "occupancy").spec());
        assertEquals("mlp-sensors", orchestrator("--task", "occupancy", "--arch", "mlp-sensors").spec().architecture());
        ModelSpec fashion = orchestrator("--task", "fashion").spec();
        assertEquals("cnn", fashion.architecture());
        assertEquals("Ankle boot", fashion.labels().get(9));
        ModelSpec surnames = orchestrator().spec();
        assertEquals("surnames", surnames.task());
        assertEquals("cnn", surnames.architecture(), "the default task and network are unchanged");
    }

    @Test
    void mistakesAreNamed() {
        var task = assertThrows(IllegalArgumentException.class, () -> orchestrator("--task", "mnist").spec());
        assertTrue(task.getMessage().contains("unknown task 'mnist'; known tasks: [surnames, occupancy, fashion]"), task.getMessage());
        var arch = assertThrows(IllegalArgumentException.class, () -> orchestrator("--task", "occupancy", "--arch", "lstm").spec());
        assertTrue(arch.getMessage().contains("--arch must be one of [mlp, mlp-sensors] for --task occupancy"), arch.getMessage());
        var data = assertThrows(IllegalArgumentException.class, () -> orchestrator("--task", "occupancy", "--data", "home.csv").spec());
        assertTrue(data.getMessage().contains("the orchestrator reads no data for --task occupancy"), data.getMessage());
    }

    @Test
    void theHomeFleetDemoHasItsOwnSizeUnlessToldOtherwise() {
        DemoCommand occupancy = demo("--task", "occupancy");
        assertEquals(6, occupancy.task.demoDefault("--nodes", occupancy.nodes));
        assertEquals(5, occupancy.task.demoDefault("--rounds", occupancy.rounds));
        DemoCommand told = demo("--task", "occupancy", "--nodes", "4", "--rounds", "10");
        assertEquals(4, told.task.demoDefault("--nodes", told.nodes), "4 typed is 4, though it is the surname default");
        assertEquals(10, told.task.demoDefault("--rounds", told.rounds));
        DemoCommand surnames = demo();
        assertEquals(4, surnames.task.demoDefault("--nodes", surnames.nodes));
        assertEquals(10, surnames.task.demoDefault("--rounds", surnames.rounds));
    }
}
