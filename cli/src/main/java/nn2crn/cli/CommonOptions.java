package nn2crn.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {

    // Main takes both flags out of the arguments wherever they stand (before or after the command);
    // they are declared here so that every command's --help lists them
    @Option(names = Main.VERBOSE_FLAG, description = "Show library logging and stack traces of errors (before or "
            + "after the command).")
    boolean verbose;

    @Option(names = Main.QUIET_FLAG, description = "Leave out training epochs and progress lines (before or after the "
            + "command).")
    boolean quiet;
}
