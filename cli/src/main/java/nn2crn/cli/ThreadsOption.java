package nn2crn.cli;

import picocli.CommandLine.Option;

/** {@code --threads}: how many examples are simulated at once. */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "Examples simulated at once (default: one per core).")
    Integer requested;

    int count() {
        return requested != null ? Math.max(1, requested) : Runtime.getRuntime().availableProcessors();
    }
}
