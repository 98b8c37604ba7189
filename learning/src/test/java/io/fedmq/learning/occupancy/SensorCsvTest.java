package io.fedmq.learning.occupancy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.DatasetException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorCsvTest {
    @TempDir Path dir;

    private Path file(String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private String problem(CsvLayout layout, String... lines) throws Exception {
        Path f = file("log.csv", lines);
        return assertThrows(DatasetException.class, () -> SensorCsv.read(f, layout)).getMessage();
    }

    private String problem(String... lines) throws Exception {
        return problem(CsvLayout.UCI, lines);
    }

    private static void says(String message, String... fragments) {
        for (String f : fragments) assertTrue(message.contains(f), "'" + message + "' does not say '" + f + "'");
    }

    /** The first lines of the UCI data set's datatraining.txt, byte for byte in form: R's quoted header without the row-number column. */
    @Test
    void readsTheUciFilesWithTheirUnnamedRowNumbers() throws Exception {
        Path f = file("datatraining.txt",
                "\"date\",\"Temperature\",\"Humidity\",\"Light\",\"CO2\",\"HumidityRatio\",\"Occupancy\"",
                "\"1\",\"2015-02-04 17:51:00\",23.18,27.272,426,721.25,0.00479298817650529,1",
                "\"2\",\"2015-02-04 17:51:59\",23.15,27.2675,429.5,714,0.00478344094931065,1",
                "\"8144\",\"2015-02-10 09:33:00\",21.1,19.5,0,458,0.00302546813539845,0");
        // ^ not the real third line: a vacant one, to see both labels
        List<SensorRow> rows = SensorCsv.read(f, CsvLayout.UCI);
        assertEquals(3, rows.size());
        assertEquals(LocalDateTime.of(2015, 2, 4, 17, 51, 0), rows.get(0).time());
        assertArrayEquals(new double[] {23.18, 27.272, 426, 721.25, 0.00479298817650529}, rows.get(0).values());
        assertEquals(1, rows.get(0).label());
        assertEquals(LocalDateTime.of(2015, 2, 4, 17, 51, 59), rows.get(1).time());
        assertEquals(0, rows.get(2).label());
    }

    @Test
    void findsRenamedColumnsInAnyOrderAndIgnoresTheRest() throws Exception {
        CsvLayout mine = new CsvLayout(List.of("temp_c", "rh", "lux", "co2_ppm", "hr"), "someone_home", "ts");
        Path f = file("kitchen.csv",
                "co2_ppm,battery,ts,lux,temp_c,someone_home,rh,hr",
                "612,87,2026-03-01T07:15:00+01:00,120.5,21.25,1,41.2,0.0064",
                "598,87,2026-03-01T07:16,118,21.3,0,41.0,0.0063");
        List<SensorRow> rows = SensorCsv.read(f, mine);
        assertArrayEquals(new double[] {21.25, 41.2, 120.5, 612, 0.0064}, rows.get(0).values());
        assertEquals(LocalDateTime.of(2026, 3, 1, 7, 15), rows.get(0).time(), "an offset keeps the home's wall-clock time");
        assertEquals(LocalDateTime.of(2026, 3, 1, 7, 16), rows.get(1).time());
        assertEquals(List.of(1, 0), rows.stream().map(SensorRow::label).toList());
    }

    @Test
    void aLogWithoutDatesIsReadWhenNoDateColumnIsNamed() throws Exception {
        Path f = file("nodate.csv", "Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "21,40,300,800,0.006,1");
        SensorRow row = SensorCsv.read(f, CsvLayout.UCI.withoutDate()).get(0);
        assertNull(row.time());
        assertEquals(1, row.label());
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() throws Exception {
        says(problem("date,Temperature,Humidity,Light,HumidityRatio,Occupancy", "2015-02-04 17:51:00,23,27,426,0.0048,1"),
                "log.csv line 1", "no column 'CO2'", "[date, Temperature, Humidity, Light, HumidityRatio, Occupancy]", "--feature-columns");
        says(problem("Temperature,Humidity,Light,CO2,HumidityRatio", "23,27,426,721,0.0048"), "no columns 'Occupancy', 'date'");
    }

    @Test
    void aValueThatIsNotANumberIsNamedByLineAndColumn() throws Exception {
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy",
                        "2015-02-04 17:51:00,23.18,27.272,426,721.25,0.0048,1",
                        "2015-02-04 17:52:00,23.18,27.272,426,n/a,0.0048,1"),
                "log.csv line 3, column 'CO2': 'n/a' is not a number");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "2015-02-04 17:51:00,23.18,,426,721.25,0.0048,1"),
                "line 2, column 'Humidity': '' is empty");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "2015-02-04 17:51:00,23.18,27,NaN,721.25,0.0048,1"),
                "column 'Light': 'NaN' is not a number");
    }

    @Test
    void aWrongFieldCountIsNamedByLine() throws Exception {
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy",
                        "2015-02-04 17:51:00,23.18,27.272,426,721.25,0.0048,1",
                        "2015-02-04 17:52:00,23.18,27.272,426,721.25,1"),
                "line 3: 6 fields, the header has 7");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy",
                        "\"1\",\"2015-02-04 17:51:00\",23.18,27.272,426,721.25,0.0048,1",
                        "2015-02-04 17:52:00,23.18,27.272,426,721.25,0.0048,1"),
                "line 3: 7 fields, the header has 7 (plus the row number the earlier lines start with)");
    }

    @Test
    void labelsAndDatesMustBeWhatTheySay() throws Exception {
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "2015-02-04 17:51:00,23,27,426,721,0.0048,2"),
                "line 2, column 'Occupancy': '2' is not 0 (vacant) or 1 (occupied)");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "2015-02-04 17:51:00,23,27,426,721,0.0048,"),
                "line 2, column 'Occupancy': '' is empty");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "04/02/2015 17:51,23,27,426,721,0.0048,1"),
                "line 2, column 'date': '04/02/2015 17:51' is not a date and time like 2015-02-04 17:51:00");
    }

    @Test
    void emptyFilesHeadersAloneAndMissingFilesAreSaidSo() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        says(assertThrows(DatasetException.class, () -> SensorCsv.read(empty, CsvLayout.UCI)).getMessage(),
                "empty.csv is empty", "date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy");
        says(problem("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy", "", ""), "has a header but no readings");
        says(assertThrows(DatasetException.class, () -> SensorCsv.read(dir.resolve("nope.csv"), CsvLayout.UCI)).getMessage(),
                "no such file", "nope.csv");
        says(problem("\"date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy"), "line 1: a quote is not closed");
    }

    @Test
    void aLayoutNamesFiveDistinctSensorColumns() {
        var few = assertThrows(IllegalArgumentException.class, () -> new CsvLayout(List.of("Light", "CO2"), "Occupancy", "date"));
        says(few.getMessage(), "reads 5 sensor columns", "got 2");
        var twice = assertThrows(IllegalArgumentException.class,
                () -> new CsvLayout(List.of("T", "H", "L", "C", "T"), "Occupancy", "date"));
        says(twice.getMessage(), "'T' is named twice");
    }

    @Test
    void whatIsWrittenReadsBackInTheUciLayout() throws Exception {
        List<SensorRow> rows = HomeSimulator.simulate(3, 0, HomeSimulator.DEFAULT_START, 1).subList(600, 700);
        StringWriter out = new StringWriter();
        SensorCsv.write(rows, CsvLayout.UCI, out);
        assertTrue(out.toString().startsWith("date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy\n2026-02-04 10:00:00,"), out.toString());
        Path f = Files.writeString(dir.resolve("home.csv"), out.toString());
        List<SensorRow> back = SensorCsv.read(f, CsvLayout.UCI);
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).time(), back.get(i).time());
            assertEquals(rows.get(i).label(), back.get(i).label());
            assertArrayEquals(rows.get(i).values(), back.get(i).values(), 0.051, "rounded as the UCI files are");
        }
    }
}
