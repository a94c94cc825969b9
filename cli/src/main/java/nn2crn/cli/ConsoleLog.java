package nn2crn.cli;

import nn2crn.pipeline.PipelineLog;
import nn2crn.simulate.Evaluation;

import java.io.PrintWriter;

/** A pipeline's lines on standard output, its progress redrawn in place on standard error. */
record ConsoleLog(PrintWriter out, PrintWriter err) implements PipelineLog {

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public Evaluation.Progress progress(String label) {
        return new ProgressLine(err, label);
    }
}
