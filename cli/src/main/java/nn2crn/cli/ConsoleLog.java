package nn2crn.cli;

import nn2crn.pipeline.PipelineLog;
import nn2crn.simulate.Evaluation;

import java.io.PrintWriter;

/**
 * A pipeline's lines on standard output, its progress redrawn in place on standard error; with
 * {@code --quiet}, no detail lines (training epochs) and no progress.
 */
record ConsoleLog(PrintWriter out, PrintWriter err, boolean quiet) implements PipelineLog {

    ConsoleLog(PrintWriter out, PrintWriter err) {
        this(out, err, GlobalFlags.quiet());
    }

    @Override
    public void detail(String line) {
        if (!quiet) {
            say(line);
        }
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public Evaluation.Progress progress(String label) {
        return quiet ? (done, total, seconds) -> { } : new ProgressLine(err, label);
    }
}
