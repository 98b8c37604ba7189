package io.fedmq.node.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.TaskModel;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.HomeData;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.learning.occupancy.SensorRow;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.ShardLearner;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.testing.InMemoryBus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local inference end to end on two in-memory buses, the fleet's and the home's: after the fleet accepts a model, a
 * reading on the home's readings topic is answered on its predictions topic with exactly what the model says.
 */
class OccupancyServiceTest {
    private static final ModelSpec SPEC = OccupancyTask.spec(OccupancyTask.MLP);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-10T19:30:00Z"), ZoneOffset.UTC);
    private static HomeData home;
    private static List<SensorRow> evening; // readings the node never trained on
    private static GlobalModel trained;

    private final InMemoryBus fleet = new InMemoryBus(), house = new InMemoryBus();
    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics("homes");
    private final LocalTopics local = LocalTopics.of(LocalTopics.READINGS, LocalTopics.PREDICTIONS, "home-1");
    private final BlockingQueue<Map<String, Object>> predictions = new LinkedBlockingQueue<>();
    private Transport orchestrator, automation;
    private OccupancyService service;
    private NodeAgent agent;

    @BeforeAll
    static void data() {
        List<SensorRow> rows = HomeSimulator.simulate(21, 0, HomeSimulator.DEFAULT_START, 6);
        home = HomeData.of(rows.subList(0, 5 * 1440), 0, true);
        evening = rows.subList(5 * 1440 + 18 * 60, 5 * 1440 + 22 * 60);
        TaskModel model = TaskModel.create(SPEC, 1);
        model.fit(home.shard().train(), new TrainingPlan(1, 64, 0.01));
        trained = new GlobalModel(7, 6, 6, SPEC, Tensor.vector(model.parameters()));
    }

    @BeforeEach
    void start() throws Exception {
        orchestrator = fleet.connect("orchestrator");
        automation = house.connect("home-assistant");
        automation.subscribe(local.predictions(), (t, p, r) -> predictions.add(FlatJson.parse(new String(p, StandardCharsets.UTF_8))));
        service = new OccupancyService("home-1", home.features(), CsvLayout.UCI, house.connect("home-1-local"), local, CLOCK);
        service.start();
        agent = new NodeAgent("home-1", "homes", fleet.connect("home-1"), new ShardLearner(OccupancyTask.NAME, home.shard(), 1), codec, service);
        agent.start();
    }

    @AfterEach
    void stop() { agent.close(); }

    private void accept(GlobalModel m, long round) throws Exception {
        orchestrator.publish(topics.model(m.version()), codec.encode(m), true);
        orchestrator.publish(topics.acceptedModel(), codec.encode(new AcceptedModel(m.version(), m.hash(), round, 0.97)), true);
    }

    private void awaitServing(long version) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service.current() != version) {
            if (System.nanoTime() > end) throw new AssertionError("v" + version + " never served; serving v" + service.current());
            Thread.sleep(10);
        }
    }

    private static String json(SensorRow r, boolean withDate, boolean withRatio) {
        double[] v = r.values();
        return "{" + (withDate ? "\"date\":\"" + r.time().toString().replace('T', ' ') + "\"," : "")
                + String.format(Locale.ROOT, "\"Temperature\":%s,\"Humidity\":%s,\"Light\":%s,\"CO2\":%s", v[0], v[1], v[2], v[3])
                + (withRatio ? ",\"HumidityRatio\":" + v[4] : "") + ",\"battery\":{\"level\":80}}";
    }

    private void read(String json) throws Exception {
        automation.publish(local.readings(), json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** What the accepted network itself says for {@code reading}, scaled with this home's statistics. */
    private static double expected(SensorRow reading) {
        TaskModel model = TaskModel.create(SPEC, 99);
        model.setParameters(trained.parameters().toArray());
        return model.probabilities(List.of(home.features().of(reading)))[0][1];
    }

    private Map<String, Object> nextPrediction() throws InterruptedException {
        Map<String, Object> p = predictions.poll(10, TimeUnit.SECONDS);
        if (p == null) throw new AssertionError("no prediction");
        return p;
    }

    @Test
    void aReadingIsAnsweredWithTheAcceptedModelsOwnOutput() throws Exception {
        accept(trained, 6);
        awaitServing(7);
        for (SensorRow r : List.of(evening.get(0), evening.get(90), evening.get(200))) {
            read(json(r, true, true));
            Map<String, Object> p = nextPrediction();
            double probability = expected(r);
            assertEquals(probability, (Double) p.get("probability"), 1e-4);
            assertEquals(probability >= 0.5, p.get("occupied"));
            assertEquals(7.0, p.get("model"));
            assertEquals("home-1", p.get("node"));
            assertEquals(r.time().toString(), p.get("time"));
        }
    }

    @Test
    void aReadingWithoutDateOrHumidityRatioIsTakenAsNowAndTheRatioComputed() throws Exception {
        accept(trained, 6);
        awaitServing(7);
        SensorRow r = evening.get(30);
        read(json(r, false, false));
        Map<String, Object> p = nextPrediction();
        SensorRow now = new SensorRow(LocalDateTime.of(2026, 2, 10, 19, 30), r.values(), SensorRow.UNLABELLED);
        assertEquals(expected(now), (Double) p.get("probability"), 1e-3, "the sensor's own ratio and the computed one agree closely");
        assertEquals("2026-02-10T19:30", p.get("time"));
    }

    @Test
    void nothingIsAnsweredBeforeAModelAndAMalformedReadingIsSkipped() throws Exception {
        read(json(evening.get(1), true, true));   // no accepted model yet: no answer
        accept(trained, 6);
        awaitServing(7);
        read("{\"Temperature\": 21, oops}");        // not JSON
        read("{\"Temperature\": 21}");              // no Humidity
        read(json(evening.get(2), true, true));
        assertEquals(evening.get(2).time().toString(), nextPrediction().get("time"), "the first answer is for the last reading");
    }

    @Test
    void servesNeitherTheUntrainedModelNorAnotherTasksNorOneThatReadsOtherInputs() {
        GlobalModel initial = new GlobalModel(1, 0, 0, SPEC, trained.parameters());
        service.onAcceptedModel(new AcceptedModel(1, initial.hash(), 0, Double.NaN), initial);
        assertEquals(0, service.current(), "round 0's model was never trained");
        assertTrue(service.predict(evening.get(0)).isEmpty());

        ModelSpec surnames = new ModelSpec("surnames", "cnn", List.of("Czech", "Dutch"));
        GlobalModel other = new GlobalModel(2, 1, 1, surnames, Tensor.vector(TaskModel.create(surnames, 1).parameters()));
        service.onAcceptedModel(new AcceptedModel(2, other.hash(), 1, 0.5), other);
        ModelSpec sensorsOnly = OccupancyTask.spec(OccupancyTask.MLP_SENSORS);
        GlobalModel narrow = new GlobalModel(3, 2, 2, sensorsOnly, Tensor.vector(TaskModel.create(sensorsOnly, 1).parameters()));
        service.onAcceptedModel(new AcceptedModel(3, narrow.hash(), 2, 0.9), narrow);
        assertEquals(0, service.current());

        service.onAcceptedModel(new AcceptedModel(7, trained.hash(), 6, 0.97), trained);
        assertEquals(7, service.current());
        service.onAcceptedModel(new AcceptedModel(2, other.hash(), 8, 0.5), other);
        assertEquals(7, service.current(), "a refused model leaves the served one in place");
    }

    @Test
    void readingFieldsAreNamedLikeTheLogsColumns() {
        CsvLayout mine = new CsvLayout(List.of("temperature", "humidity", "illuminance_lux", "co2", "hr"), "occupied", "time");
        OccupancyService s = new OccupancyService("home-1", home.features(), mine, house.connect("x"), local, CLOCK);
        Map<String, Object> json = new HashMap<>(Map.of("temperature", 21.0, "humidity", 40.0, "illuminance_lux", 250.0, "co2", 800.0,
                "time", "2026-02-10T07:05:00+01:00"));
        SensorRow r = s.reading(json);
        assertEquals(LocalDateTime.of(2026, 2, 10, 7, 5), r.time());
        assertEquals(HomeSimulator.humidityRatio(21, 40), r.values()[4], 1e-12);
        json.put("co2", "high");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.reading(json));
        assertTrue(e.getMessage().contains("'co2' is not a number"), e.getMessage());
    }
}
