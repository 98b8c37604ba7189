package io.fedmq.node.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.SensorRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTailTest {
    private static final String HEADER = "date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy\n";
    @TempDir Path dir;
    private final BlockingQueue<SensorRow> readings = new LinkedBlockingQueue<>();
    private CsvTail tail;

    @AfterEach
    void stop() { if (tail != null) tail.close(); }

    private static String line(int minute, double co2) {
        return "2026-02-04 18:" + String.format("%02d", minute) + ":00,21.5,40.1,310," + co2 + ",0.0063,\n";
    }

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private SensorRow next() throws InterruptedException {
        SensorRow r = readings.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no reading");
        return r;
    }

    private Path follow(String content) throws Exception {
        Path file = Files.writeString(dir.resolve("live.csv"), content);
        tail = new CsvTail(file, CsvLayout.UCI, readings::add, Duration.ofMillis(20));
        tail.start();
        return file;
    }

    @Test
    void answersLinesAppendedFromNowOnNotTheHistory() throws Exception {
        Path file = follow(HEADER + line(0, 600) + line(1, 610) + "2026-02-04 18:02:00,21.5,40.1,3");  // a line being written
        append(file, "10,620,0.0063,\n");      // ... and finished: it is new, and whole now
        append(file, line(3, 630));
        SensorRow first = next();
        assertEquals(LocalDateTime.of(2026, 2, 4, 18, 2), first.time(), "the first reading is the line finished after the start");
        assertEquals(310, first.values()[2]);
        assertEquals(SensorRow.UNLABELLED, first.label(), "an empty label column is a live reading");
        assertEquals(630, next().values()[3]);
    }

    @Test
    void aBadLineIsSkippedAndTheNextOneAnswered() throws Exception {
        Path file = follow(HEADER);
        append(file, "2026-02-04 18:10:00,warm,40,300,600,0.006,\n");
        append(file, line(11, 640));
        assertEquals(640, next().values()[3]);
    }

    @Test
    void aRotatedLogIsFollowedFromItsNewHeader() throws Exception {
        Path file = follow(HEADER + line(0, 600) + line(1, 610) + line(2, 620));
        append(file, line(3, 630));
        assertEquals(630, next().values()[3]);
        Files.writeString(file, "CO2,Light,Occupancy,date,Temperature,Humidity,HumidityRatio\n700,5,1,2026-02-05 07:00:00,19.5,45,0.0064\n");
        SensorRow r = next();
        assertEquals(700, r.values()[3], "the new file's first line, read with the new file's column order");
        assertEquals(1, r.label());
    }

    @Test
    void aLogWithoutTheLayoutsColumnsIsRefusedAtStart() throws Exception {
        Path file = Files.writeString(dir.resolve("other.csv"), "time,temp\n");
        var e = assertThrows(DatasetException.class, () -> new CsvTail(file, CsvLayout.UCI, r -> { }, Duration.ofSeconds(1)).start());
        assertTrue(e.getMessage().contains("no columns 'Temperature', 'Humidity'"), e.getMessage());
    }
}
