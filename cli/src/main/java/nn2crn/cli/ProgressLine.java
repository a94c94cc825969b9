package nn2crn.cli;

import nn2crn.simulate.Evaluation;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress line with rate and ETA, redrawn in place on the terminal at most twice a second. */
final class ProgressLine implements Evaluation.Progress {

    private final PrintWriter err;
    private final String what;
    private long lastDraw;

    ProgressLine(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    /** A progress line, or nothing with {@code --quiet}. */
    static Evaluation.Progress of(PrintWriter err, String what) {
        return GlobalFlags.quiet() ? (done, total, seconds) -> { } : new ProgressLine(err, what);
    }

    @Override
    public void update(int done, int total, double seconds) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        err.printf(Locale.ROOT, "\r%s %d/%d  %.1f/s  ETA %.0f s   ", what, done, total, rate, eta);
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}
