package nn2crn.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {

    @Option(names = Main.VERBOSE_FLAG, description = "Show library logging and stack traces of errors.")
    boolean verbose;
}
