package io.fedmq.node;

import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.EvaluationReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.NodeStatus.State;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of a round. Follows the retained round state; when the round selects this node and the
 * model it names has arrived (checked by hash), trains or evaluates on a worker thread and publishes the
 * result under its own id. Each (round, phase) is worked on at most once, so a retained message delivered
 * again after a reconnect does not cause a second update. In a secure round the trained update goes to the
 * {@link SecAggClient}, which runs the key, share, mask and unmask steps on a thread of its own so that
 * they never wait behind training; the update only ever leaves the node masked.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    private final String nodeId;
    private final Topics topics;
    private final Transport transport;
    private final Learner learner;
    private final WireCodec codec;
    private final NodeObserver observer;
    private final ExecutorService worker;
    private final ExecutorService secAggThread;
    private final SecAggClient secAgg;

    // Touched only on the transport's handler thread.
    private final Map<Long, GlobalModel> models = new HashMap<>();
    private RoundState round;
    private AcceptedModel acceptedPointer;
    private EpochMemory epochMemory = EpochMemory.NONE;
    private long epochFloor; // the highest pointer epoch followed, this run or (from epochMemory) an earlier one
    private long servedVersion;
    private long lastModelVersion;
    private long mismatchedVersion;
    private volatile long acceptedVersion;
    private long lastRound;
    private Phase lastPhase;

    public NodeAgent(String nodeId, String fleet, Transport transport, Learner learner, WireCodec codec, NodeObserver observer) {
        this.nodeId = Topics.requireName(nodeId, "node id");
        this.topics = new Topics(fleet);
        this.transport = transport;
        this.learner = learner;
        this.codec = codec;
        this.observer = observer;
        this.worker = daemonThread("node-" + nodeId);
        this.secAggThread = daemonThread("secagg-" + nodeId);
        this.secAgg = new SecAggClient(nodeId, topics, transport, codec);
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a secure-aggregation step on its thread; a failure is logged, never thrown into the transport. */
    private void onSecAggThread(String what, SecAggStep step) {
        if (secAggThread.isShutdown()) return; // the node is closing
        secAggThread.execute(() -> {
            try {
                step.run();
            } catch (Exception e) {
                log.error("node {}: secure aggregation {} failed: {}", nodeId, what, e.toString());
            }
        });
    }

    @FunctionalInterface
    private interface SecAggStep {
        void run() throws Exception;
    }

    public String nodeId() { return nodeId; }

    /** The Last Will a transport for this node should register: OFFLINE, retained. */
    public static byte[] lastWill(String nodeId, WireCodec codec) {
        return codec.encode(new NodeStatus(nodeId, State.OFFLINE, 0, 0));
    }

    /**
     * Remembers the epoch of the pointers it follows in {@code memory}, so that a restarted node still refuses an
     * older pointer replayed to it. Call before {@link #start()}.
     */
    public NodeAgent rememberingEpochsIn(EpochMemory memory) {
        this.epochMemory = java.util.Objects.requireNonNull(memory, "memory");
        return this;
    }

    public void start() throws TransportException {
        epochFloor = epochMemory.load();
        transport.subscribe(topics.modelFilter(), this::onMessage);
        transport.subscribe(topics.round(), this::onMessage);
        transport.subscribe(topics.stageFilter(), this::onMessage);
        transport.subscribe(topics.nodeInbox(nodeId), this::onMessage);
        status(State.IDLE);
        log.info("node {} is listening on fleet {}", nodeId, topics.fleet());
    }

    private void onMessage(String topic, byte[] payload, boolean retained) {
        Topics.Address a = topics.parse(topic).orElse(null);
        if (a == null || payload.length == 0) return; // a cleared retained topic
        try {
            switch (a.kind()) {
                case MODEL -> {
                    GlobalModel m = codec.decode(payload, GlobalModel.class);
                    if (m.version() != a.version()) throw new WireFormatException("model v" + m.version() + " on the topic of v" + a.version());
                    models.put(m.version(), m);
                    lastModelVersion = m.version();
                    evictUnneededModels();
                    announceAcceptedModel();
                }
                case ACCEPTED_MODEL -> {
                    AcceptedModel p = codec.decode(payload, AcceptedModel.class);
                    if (p.epoch() < epochFloor) {
                        log.warn("node {} refused an accepted-model pointer to v{} of epoch {}: it has followed epoch {} already "
                                + "(a replayed older pointer)", nodeId, p.version(), p.epoch(), epochFloor);
                        return;
                    }
                    if (p.epoch() > epochFloor) {
                        epochFloor = p.epoch();
                        epochMemory.save(epochFloor);
                    }
                    acceptedVersion = p.version();
                    acceptedPointer = p;
                    observer.onAccepted(p);
                    evictUnneededModels();
                    announceAcceptedModel();
                }
                case ROUND -> {
                    RoundState s = codec.decode(payload, RoundState.class);
                    if (s.round() < lastRound) {
                        log.warn("ignored round {}: already at round {}", s.round(), lastRound);
                        return;
                    }
                    round = s;
                    if (s.isSecure() && s.selects(nodeId) && s.phase() != Phase.EVALUATING && s.phase() != Phase.CLOSED) {
                        onSecAggThread("round state", () -> secAgg.onRound(s));
                    }
                }
                case STAGE -> {
                    if (a.stage() == Stage.KEYS) {
                        KeyRoster r = codec.decode(payload, KeyRoster.class);
                        onSecAggThread("roster", () -> secAgg.onRoster(r));
                    } else if (a.stage() == Stage.UNMASK) {
                        UnmaskRequest u = codec.decode(payload, UnmaskRequest.class);
                        onSecAggThread("unmask", () -> secAgg.onUnmaskRequest(u));
                    }
                    return;
                }
                case NODE_INBOX -> {
                    if (!nodeId.equals(a.nodeId())) return;
                    ShareBundle b = codec.decode(payload, ShareBundle.class);
                    onSecAggThread("share bundle", () -> secAgg.onBundle(b));
                    return;
                }
                default -> { return; }
            }
            maybeWork();
        } catch (WireFormatException e) {
            log.warn("rejected message on {}: {}", topic, e.getMessage());
        }
    }

    /** Starts the work the current round asks of this node, once its model is here. */
    private void maybeWork() {
        RoundState s = round;
        if (s == null || (s.phase() != Phase.TRAINING && s.phase() != Phase.EVALUATING) || !s.selects(nodeId)) return;
        if (s.round() == lastRound && s.phase() == lastPhase) return;
        if (s.round() == lastRound && lastPhase == Phase.EVALUATING) return; // never go back to training
        GlobalModel m = models.get(s.modelVersion());
        if (m == null) return; // it is on its way on the model topic
        if (!m.hash().equals(s.modelHash())) {
            log.warn("round {} names v{} with hash {}, the received v{} has another: waiting", s.round(), s.modelVersion(),
                    s.modelHash().substring(0, 12), m.version());
            return;
        }
        lastRound = s.round();
        lastPhase = s.phase();
        worker.execute(() -> work(s, m));
    }

    private void work(RoundState s, GlobalModel m) {
        try {
            if (s.phase() == Phase.TRAINING) {
                status(State.TRAINING);
                Learner.TrainOutcome t = learner.train(m, s.plan());
                status(State.UPLOADING);
                if (s.isSecure()) {
                    onSecAggThread("masking", () -> secAgg.onTrained(s.round(), m.version(), t));
                } else {
                    ModelUpdate u = new ModelUpdate(s.round(), nodeId, m.version(), t.numExamples(), t.loss(),
                            Tensor.of(m.parameters().shape(), t.delta()));
                    transport.publish(topics.nodeStage(s.round(), Stage.UPDATE, nodeId), codec.encode(u), false);
                }
                observer.onTrained(s.round(), t);
            } else {
                status(State.EVALUATING);
                Learner.EvalOutcome e = learner.evaluate(m);
                EvaluationReport r = new EvaluationReport(s.round(), nodeId, m.version(), e.numExamples(), e.loss(), e.accuracy());
                transport.publish(topics.nodeStage(s.round(), Stage.REPORT, nodeId), codec.encode(r), false);
                observer.onEvaluated(s.round(), e);
            }
            status(State.IDLE);
        } catch (Exception e) {
            log.error("node {} failed round {} {}: {}", nodeId, s.round(), s.phase(), e.toString());
            status(State.ERROR);
        }
    }

    /**
     * Hands the accepted model to the observer once both its pointer and its parameters are here and agree (by
     * hash), so that the node can serve it locally; each accepted version once, and again after a rollback to it.
     */
    private void announceAcceptedModel() {
        AcceptedModel p = acceptedPointer;
        if (p == null || p.version() == servedVersion) return;
        GlobalModel m = models.get(p.version());
        if (m == null) return; // on its way on the model topic
        if (!m.hash().equals(p.hash())) {
            if (mismatchedVersion != p.version()) {
                log.warn("node {}: the accepted pointer names v{} with hash {}, the received v{} has another: not serving it", nodeId,
                        p.version(), p.hash().substring(0, 12), m.version());
            }
            mismatchedVersion = p.version(); // said once: every later model would say it again
            return;
        }
        servedVersion = p.version();
        observer.onAcceptedModel(p, m);
    }

    /**
     * Keeps at most three models: the accepted one, the current round's, and the one that arrived last (a rollback
     * publishes an older version before its pointer, so "the newest" would drop it on arrival).
     */
    private void evictUnneededModels() {
        RoundState s = round;
        models.keySet().removeIf(v -> v != acceptedVersion && (s == null || v != s.modelVersion()) && v != lastModelVersion);
    }

    private void status(State state) {
        try {
            transport.publish(topics.nodeStatus(nodeId), codec.encode(new NodeStatus(nodeId, state, acceptedVersion,
                    System.currentTimeMillis())), true);
            observer.onState(state);
        } catch (TransportException e) {
            log.warn("node {} could not publish its status {}: {}", nodeId, state, e.getMessage());
        }
    }

    @Override
    public void close() {
        secAggThread.shutdownNow();
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
