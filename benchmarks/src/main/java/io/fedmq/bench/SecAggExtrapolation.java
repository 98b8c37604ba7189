package io.fedmq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orchestrator's cost for every configuration of {@link SecAggServerBenchmark#aggregate}, computed from the
 * measured per-unit costs ({@code SecAggServerBenchmark.unit*}) and the counts of the configuration's actual fleet
 * (same seed as the benchmark, so the same graph and dropped set), next to the measured cost where the configuration
 * was run whole. Configurations too slow to run whole are reported from the formula, marked EXTRAPOLATED.
 *
 * <pre>
 *   T = n_s * (unpackAdd(d) + maskStream(d) + selfSeedRecovery(t))      sum the uploads; remove survivors' self masks
 *     + n_d * maskKeyRecovery(t)                                         rebuild each dropped node's mask key
 *     + C   * (correctionAgreement + maskStream(d))                      per (dropped, surviving neighbour) pair
 *     + decodeMean(d)
 * </pre>
 * n_s survivors, n_d dropped, C = sum over dropped nodes of their surviving neighbours. The formula leaves out
 * Recovery.add, the map building and the two d-long array clones: the measured/predicted column shows what that costs.
 * The ± of a prediction is the JMH 99.9% confidence half-widths of the units, multiplied by the counts and added
 * (a worst case: it assumes every unit errs the same way at once).
 *
 * <p>Run: {@code java -cp ... io.fedmq.bench.SecAggExtrapolation units.csv [aggregate.csv ...]} with JMH {@code -rf csv} files.
 */
public final class SecAggExtrapolation {
    /** Configurations predicted above this are not worth running whole (the brief's ~60 s per iteration). */
    static final double RUN_LIMIT_MS = 60_000;

    private SecAggExtrapolation() {}

    record Row(String benchmark, String mode, double score, double error, Map<String, String> params) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SecAggExtrapolation units.csv [aggregate.csv ...]");
            System.exit(2);
        }
        List<Row> units = read(Path.of(args[0]));
        List<Row> measured = new ArrayList<>();
        for (int i = 1; i < args.length; i++) measured.addAll(read(Path.of(args[i])));

        System.out.println("| n | d | dropout | k | t | n_s | n_d | C | predicted ms | measured ms | mode | measured / predicted | reported "
                + "| unpack+add % | self-mask streams % | Shamir rebuilds % | correction agreements % | correction streams % |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : SecAggFleet.FLEET_SIZES) {
            for (double p : SecAggFleet.DROPOUTS) {
                SecAggFleet f = SecAggFleet.create(n, p);
                long ns = f.survivors.size(), nd = f.dropped.size(), c = f.corrections();
                int t = f.t();
                for (int d : new int[] {10_000, 100_000, 1_000_000}) {
                    double[] ua = unit(units, "unitUnpackAdd", "unitD", d);
                    double[] us = unit(units, "unitMaskStream", "unitD", d);
                    double[] dm = unit(units, "unitDecodeMean", "unitD", d);
                    double[] ag = unit(units, "unitCorrectionAgreement", null, 0);
                    double[] sr = unit(units, "unitSelfSeedRecovery", "t", t);
                    double[] kr = unit(units, "unitMaskKeyRecovery", "t", t);
                    double sum = ns * ua[0];
                    double selfStreams = ns * us[0];
                    double shamir = ns * sr[0] + nd * kr[0];
                    double agreements = c * ag[0];
                    double corrections = c * us[0];
                    double total = sum + selfStreams + shamir + agreements + corrections + dm[0];
                    double err = ns * (ua[1] + us[1] + sr[1]) + nd * kr[1] + c * (ag[1] + us[1]) + dm[1];
                    Row m = find(measured, n, d, p);
                    String measuredCell = m == null ? "not run" : fmt(m.score) + (Double.isNaN(m.error) ? "" : " ± " + fmt(m.error));
                    String ratio = m == null ? "" : String.format(Locale.ROOT, "%.2f", m.score / total);
                    String reported = m != null ? "measured" : total > RUN_LIMIT_MS ? "**EXTRAPOLATED**" : "not run";
                    System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d | %d | %d | %d | %d | %s ± %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                            n, d, p, f.k(), t, ns, nd, c, fmt(total), fmt(err), measuredCell, m == null ? "" : m.mode, ratio, reported,
                            100 * sum / total, 100 * selfStreams / total, 100 * shamir / total, 100 * agreements / total,
                            100 * corrections / total);
                }
            }
        }
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 1 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.3f", ms);
    }

    private static double[] unit(List<Row> units, String name, String param, int value) {
        for (Row r : units) {
            if (!r.benchmark.endsWith("." + name)) continue;
            if (param == null || Integer.parseInt(r.params.get(param)) == value) {
                return new double[] {r.score, Double.isNaN(r.error) ? 0 : r.error};
            }
        }
        throw new IllegalArgumentException("no unit cost " + name + (param == null ? "" : " with " + param + "=" + value));
    }

    private static Row find(List<Row> rows, int n, int d, double p) {
        for (Row r : rows) {
            if (!r.benchmark.endsWith(".aggregate")) continue;
            if (Integer.parseInt(r.params.get("n")) == n && Integer.parseInt(r.params.get("d")) == d
                    && Math.abs(Double.parseDouble(r.params.get("dropout")) - p) < 1e-9) {
                return r;
            }
        }
        return null;
    }

    /** A JMH {@code -rf csv} file, scores converted to milliseconds. */
    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = split(lines.get(0));
        List<Row> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = split(line);
            Map<String, String> cols = new HashMap<>();
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < header.length && i < f.length; i++) {
                cols.put(header[i], f[i]);
                if (header[i].startsWith("Param: ") && !f[i].isEmpty()) params.put(header[i].substring(7), f[i]);
            }
            double scale = switch (cols.get("Unit")) {
                case "s/op" -> 1000;
                case "ms/op" -> 1;
                case "us/op" -> 1e-3;
                case "ns/op" -> 1e-6;
                default -> throw new IllegalArgumentException("unit " + cols.get("Unit"));
            };
            out.add(new Row(cols.get("Benchmark"), cols.get("Mode"), Double.parseDouble(cols.get("Score")) * scale,
                    Double.parseDouble(cols.get("Score Error (99.9%)")) * scale, params));
        }
        return out;
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) f[i] = f[i].replace("\"", "").trim();
        return f;
    }
}
