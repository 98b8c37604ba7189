package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.OccupancyFeatures;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.inference.CsvTail;
import io.fedmq.node.inference.LocalTopics;
import io.fedmq.node.inference.OccupancyService;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A node's local inference, wired: the {@link OccupancyService} on the home broker's connection, and the log it may
 * follow. Hears the accepted models as a {@link NodeObserver}; closes what it opened.
 */
final class LocalInference implements NodeObserver, AutoCloseable {
    /** Local inference switched off. */
    static final LocalInference NONE = new LocalInference(null, null, null);

    private final OccupancyService service;
    private final Transport local;
    private final CsvTail tail;

    private LocalInference(OccupancyService service, Transport local, CsvTail tail) {
        this.service = service;
        this.local = local;
        this.tail = tail;
    }

    /** Subscribes to the readings topic on {@code local} and, with a {@code tailFile}, follows it. */
    static LocalInference start(String nodeId, OccupancyFeatures features, CsvLayout layout, LocalTopics topics, Path tailFile, Clock clock,
                                Duration poll, Transport local) throws TransportException, DatasetException {
        OccupancyService service = new OccupancyService(nodeId, features, layout, local, topics, clock);
        CsvTail tail = null;
        try {
            service.start();
            if (tailFile != null) {
                tail = new CsvTail(tailFile, layout, service::answer, poll);
                tail.start();
            }
        } catch (TransportException | DatasetException | RuntimeException e) {
            local.close();
            throw e;
        }
        return new LocalInference(service, local, tail);
    }

    @Override
    public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) {
        if (service != null) service.onAcceptedModel(pointer, model);
    }

    @Override
    public void close() {
        if (tail != null) tail.close();
        if (local != null) local.close();
    }
}
