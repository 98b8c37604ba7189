package io.fedmq.learning.occupancy;

import io.fedmq.learning.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes smart-home sensor logs as CSV with a header line, such as the UCI occupancy data set
 * ({@code date,Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy}). Which columns matter is a {@link CsvLayout};
 * other columns are ignored. Every error names the file, the line and, where there is one, the column.
 *
 * <p>The UCI files were written by R, whose header has no name for the row-number column that starts every data
 * line: when the data lines have exactly one field more than the header, that first field is skipped.
 */
public final class SensorCsv {
    /** How {@link #write} formats timestamps, as the UCI files do. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SensorCsv() {}

    /**
     * Every labelled reading of {@code file}, in file order.
     *
     * @throws DatasetException when the file is missing, empty, has no readings, lacks a column of the layout, or a
     *                          line has the wrong number of fields, a value that is not a finite number, a label that
     *                          is not 0 or 1, or a date that cannot be read; the message says where
     */
    public static List<SensorRow> read(Path file, CsvLayout layout) throws DatasetException {
        List<SensorRow> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            int lineNo = 1;
            while (headerLine != null && headerLine.isBlank()) {
                headerLine = in.readLine();
                lineNo++;
            }
            if (headerLine == null) {
                throw new DatasetException(file + " is empty: expected a header line naming the columns, e.g. "
                        + String.join(",", header(CsvLayout.UCI)));
            }
            Columns columns = Columns.of(file.toString(), headerLine, lineNo, layout, true);
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (!line.isBlank()) rows.add(columns.parse(line, lineNo));
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException("no such file: " + file, e);
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " is not UTF-8 text (" + rows.size() + " readings read before the bad bytes)", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new DatasetException(file + " has a header but no readings");
        return rows;
    }

    /** The UCI header line for {@code layout}: date, features, label. */
    static List<String> header(CsvLayout layout) {
        List<String> names = new ArrayList<>();
        if (layout.hasDate()) names.add(layout.dateColumn());
        names.addAll(layout.featureColumns());
        names.add(layout.labelColumn());
        return names;
    }

    /** Writes {@code rows} under {@code layout}'s header, values rounded as in the UCI files. */
    public static void write(List<SensorRow> rows, CsvLayout layout, Writer out) throws IOException {
        out.write(String.join(",", header(layout)));
        out.write('\n');
        StringBuilder b = new StringBuilder(96);
        for (SensorRow r : rows) {
            b.setLength(0);
            if (layout.hasDate()) b.append(DATE.format(r.time())).append(',');
            double[] v = r.values();
            b.append(String.format(Locale.ROOT, "%.2f,%.3f,%.1f,%.1f,%.7f,", v[0], v[1], v[2], v[3], v[4]));
            b.append(r.label() == SensorRow.UNLABELLED ? "" : Integer.toString(r.label())).append('\n');
            out.write(b.toString());
        }
    }

    /**
     * The positions of a layout's columns in a log, found from its header line. Parses that log's data lines; also
     * used on its own by a node that follows a log as it grows.
     */
    public static final class Columns {
        private final String source;
        private final CsvLayout layout;
        private final int fieldCount;
        private final int[] features;
        private final int label;
        private final int date;
        private final boolean needsLabel;
        private int offset = -1; // 1 when lines start with R's unnamed row number, found from the first line

        private Columns(String source, CsvLayout layout, int fieldCount, int[] features, int label, int date, boolean needsLabel) {
            this.source = source;
            this.layout = layout;
            this.fieldCount = fieldCount;
            this.features = features;
            this.label = label;
            this.date = date;
            this.needsLabel = needsLabel;
        }

        /**
         * Finds the layout's columns in {@code headerLine}.
         *
         * @param source     the file (or other origin) to name in errors
         * @param needsLabel whether the label column must be there and filled: training needs it, predictions do not
         * @throws DatasetException naming each missing column and the columns there are
         */
        public static Columns of(String source, String headerLine, int lineNo, CsvLayout layout, boolean needsLabel)
                throws DatasetException {
            List<String> names = fields(source, stripBom(headerLine), lineNo).stream().map(String::trim).toList();
            List<String> missing = new ArrayList<>();
            int[] features = new int[layout.featureColumns().size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = names.indexOf(layout.featureColumns().get(i));
                if (features[i] < 0) missing.add(layout.featureColumns().get(i));
            }
            int label = names.indexOf(layout.labelColumn());
            if (label < 0 && needsLabel) missing.add(layout.labelColumn());
            int date = layout.hasDate() ? names.indexOf(layout.dateColumn()) : -1;
            if (layout.hasDate() && date < 0) missing.add(layout.dateColumn());
            if (!missing.isEmpty()) {
                throw new DatasetException(source + " line " + lineNo + ": no column" + (missing.size() > 1 ? "s " : " ") + quoted(missing)
                        + " in the header " + names
                        + " (name the columns with --feature-columns, --label-column and --date-column)");
            }
            return new Columns(source, layout, names.size(), features, label, date, needsLabel);
        }

        /** Whether the log has the label column, so that its readings can be trained and tested on. */
        public boolean hasLabel() {
            return label >= 0;
        }

        /**
         * One data line.
         *
         * @throws DatasetException for a wrong field count, a value that is not a finite number, a label that is not
         *                          0 or 1, or an unreadable date, naming the line and the column
         */
        public SensorRow parse(String line, int lineNo) throws DatasetException {
            List<String> f = fields(source, line, lineNo);
            if (offset < 0) offset = f.size() == fieldCount + 1 ? 1 : 0;
            if (f.size() != fieldCount + offset) {
                throw new DatasetException(source + " line " + lineNo + ": " + f.size() + " fields, the header has " + fieldCount
                        + (offset == 1 ? " (plus the row number the earlier lines start with)" : ""));
            }
            double[] values = new double[features.length];
            for (int i = 0; i < features.length; i++) values[i] = number(f, features[i], layout.featureColumns().get(i), lineNo);
            int occupied = SensorRow.UNLABELLED;
            if (label >= 0 && (needsLabel || !f.get(label + offset).isBlank())) { // a live reading's occupancy is unknown
                double v = number(f, label, layout.labelColumn(), lineNo);
                if (v != 0 && v != 1) {
                    throw error(lineNo, layout.labelColumn(), f.get(label + offset), "is not 0 (vacant) or 1 (occupied)");
                }
                occupied = (int) v;
            }
            LocalDateTime time = date >= 0 ? dateTime(f.get(date + offset), lineNo) : null;
            return new SensorRow(time, values, occupied);
        }

        private double number(List<String> f, int column, String name, int lineNo) throws DatasetException {
            String text = f.get(column + offset).trim();
            try {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(lineNo, name, text, text.isEmpty() ? "is empty" : "is not a number");
        }

        private LocalDateTime dateTime(String text, int lineNo) throws DatasetException {
            String t = text.trim();
            try {
                return parseDateTime(t);
            } catch (DateTimeParseException e) {
                throw error(lineNo, layout.dateColumn(), t, "is not a date and time like 2015-02-04 17:51:00");
            }
        }

        private DatasetException error(int lineNo, String column, String value, String what) {
            return new DatasetException(source + " line " + lineNo + ", column '" + column + "': '" + value + "' " + what);
        }
    }

    /**
     * A timestamp as loggers write it: {@code 2015-02-04 17:51:00}, with 'T' or a space, seconds and fractions
     * optional; one with an offset ({@code Z}, {@code +01:00}) keeps the wall-clock time it names, the home's time.
     *
     * @throws DateTimeParseException when it is none of these
     */
    public static LocalDateTime parseDateTime(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(iso).toLocalDateTime();
        }
    }

    /** Splits one CSV line: commas, double quotes around a field, {@code ""} for a quote inside one. */
    static List<String> fields(String source, String line, int lineNo) throws DatasetException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int end = line.endsWith("\r") ? line.length() - 1 : line.length();
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < end && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new DatasetException(source + " line " + lineNo + ": a quote is not closed");
        out.add(field.toString());
        return out;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
