package nn2crn.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads}: how many examples are simulated at once. */
final class ThreadsOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Integer requested;

    @Option(names = "--threads", paramLabel = "N", description = "Examples simulated at once (>= 1; default: one per core).")
    void setRequested(int value) {
        requested = OptionChecks.atLeast(spec, "--threads", value, 1);
    }

    int count() {
        return requested != null ? requested : Runtime.getRuntime().availableProcessors();
    }
}
