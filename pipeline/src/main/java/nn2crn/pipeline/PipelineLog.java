package nn2crn.pipeline;

import nn2crn.simulate.Evaluation;

/** Where a pipeline reports what it does: lines for the user, and progress of long simulations. */
public interface PipelineLog {

    /** Says nothing: for tasks whose output nobody reads (a Spark executor's, say). */
    PipelineLog SILENT = new PipelineLog() {
        @Override
        public void say(String line) {
        }

        @Override
        public Evaluation.Progress progress(String label) {
            return (done, total, seconds) -> { };
        }
    };

    void say(String line);

    /** A line of detail (a training epoch): said, unless the user asked for quiet. */
    default void detail(String line) {
        say(line);
    }

    /** A progress indicator for a simulation of many examples. */
    Evaluation.Progress progress(String label);
}
