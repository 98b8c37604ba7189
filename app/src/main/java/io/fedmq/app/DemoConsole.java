package io.fedmq.app;

import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.SecAggSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The demo's console: a progress line while a phase runs, one line per round, and the closing summary. */
final class DemoConsole implements RoundListener {
    private final PrintStream out;
    private final int nodes;
    private final boolean interactive = System.console() != null;
    private final boolean echoRejections;

    /** {@code echoRejections}: print refused messages here too, for when the logs are quiet (the demo). */
    DemoConsole(PrintStream out, int nodes, boolean echoRejections) {
        this.out = out;
        this.nodes = nodes;
        this.echoRejections = echoRejections;
    }

    void header() {
        out.println("round  nodes  train-loss  test-acc      sent  received    time  secure aggregation            verdict");
    }

    @Override
    public void onProgress(long round, String phase, int answered, int expected) {
        if (!interactive) return;
        out.printf(Locale.ROOT, "\r  round %d: %s %d/%d", round, phase.equals("update") ? "training" : "evaluating", answered, expected);
        out.flush();
    }

    @Override
    public void onRejected(String source, String reason) {
        if (!echoRejections) return;
        out.printf(Locale.ROOT, "%s  rejected a message from %s: %s%n", interactive ? "\r" : "", source, reason);
    }

    @Override
    public void onRoundFinished(RoundReport r) {
        String verdict = r.candidate() == 0 ? "failed: " + r.reason()
                : (r.accepted() ? "accepted v" + r.candidate() : "rejected v" + r.candidate() + ": " + r.reason());
        out.printf(Locale.ROOT, "%s%5d  %2d/%-2d  %10s  %8s  %8s  %8s  %6s  %-28s  %s%n", interactive ? "\r" : "", r.round(), r.answered(),
                r.selected(), Format.number(r.meanTrainLoss(), 4), Format.number(r.testAccuracy(), 3), Format.bytes(r.bytesSent()),
                Format.bytes(r.bytesReceived()), Format.seconds(r.wallTime()), secAgg(r.secAgg()), verdict);
    }

    /** n, t, k, dropped/recovered and the masked upload per parameter (float32 is 4 B). */
    static String secAgg(SecAggSummary s) {
        if (s == null) return "off (plain updates)";
        return String.format(Locale.ROOT, "n=%d t=%d k=%d drop=%d/%d %.2fB/p", s.selected(), s.threshold(), s.degree(), s.dropped(),
                s.recovered(), s.maskedBytesPerParameter());
    }

    void summary(List<RoundReport> reports, Path modelDir) {
        long accepted = reports.stream().filter(RoundReport::accepted).count();
        double first = reports.stream().mapToDouble(RoundReport::testAccuracy).filter(a -> !Double.isNaN(a)).findFirst().orElse(Double.NaN);
        out.printf(Locale.ROOT, "Federated: %d nodes, %d rounds, %d accepted; test accuracy %s after the first round, %s for the accepted model%n",
                nodes, reports.size(), accepted, Format.number(first, 3), Format.number(acceptedAccuracy(reports), 3));
        out.println("Model trail: " + modelDir);
    }

    /** The accuracy of the last accepted candidate. */
    static double acceptedAccuracy(List<RoundReport> reports) {
        for (int i = reports.size() - 1; i >= 0; i--) if (reports.get(i).accepted()) return reports.get(i).testAccuracy();
        return Double.NaN;
    }
}
