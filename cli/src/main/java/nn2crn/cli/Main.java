package nn2crn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code nn2crn} command. */
@Command(name = "nn2crn",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Turn trained binary-weight neural networks into chemical reaction networks.",
        subcommands = {DataCommand.class, TrainCommand.class, CompileCommand.class, SimulateCommand.class,
                RobustnessCommand.class, MoleculesCommand.class, DnaCommand.class, RunCommand.class, ReproduceCommand.class,
                SweepCommand.class, ClusterCommand.class, CheckCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static final String VERBOSE_FLAG = "--verbose";
    public static final String QUIET_FLAG = "--quiet";
    /** Wide enough that no description line of ours wraps, so no word or path is broken. */
    static final int HELP_WIDTH = 120;

    @picocli.CommandLine.Mixin
    CommonOptions common;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... given) {
        // --verbose and --quiet apply to the whole invocation, before or after the command
        java.util.List<String> kept = new java.util.ArrayList<>();
        boolean verbose = false;
        boolean quiet = false;
        boolean endOfOptions = false;
        for (String arg : given) {
            endOfOptions |= arg.equals("--");
            if (!endOfOptions && arg.equalsIgnoreCase(VERBOSE_FLAG)) {
                verbose = true;
            } else if (!endOfOptions && arg.equalsIgnoreCase(QUIET_FLAG)) {
                quiet = true;
            } else {
                kept.add(arg);
            }
        }
        String[] args = kept.toArray(new String[0]);
        GlobalFlags.setQuiet(quiet);
        if (verbose) {
            // must happen before the first logger is created
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        HelpLayout.install(commandLine);
        // --unit-nm, --fuel-nm: unit suffixes in any case
        commandLine.setOptionsCaseInsensitive(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new UserErrorHandler(verbose));
        commandLine.setParameterExceptionHandler(Main::usageError);
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; an Error (out of memory, a missing native
            // library) still deserves one line rather than a trace
            if (verbose) {
                e.printStackTrace(err);
            }
            err.println("nn2crn: error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            if (!verbose) {
                err.println("nn2crn: (an unexpected error; run again with --verbose for details)");
            }
            err.flush();
            return 1;
        }
    }

    /** A bad option or argument: one line naming it, and where the help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            boolean command0 = command.getSubcommands().size() > 1 && !argument.startsWith("-");
            message = (argument.startsWith("-") ? "unknown option '" : command0 ? "unknown command '" : "unexpected argument '")
                    + argument + "'";
            java.util.List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions.subList(0, 1))
                        + "?)";
            }
        }
        err.println("nn2crn: error: " + message);
        err.println("nn2crn: see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return 2;
    }

    /** Reports failures as one line; the stack trace only with --verbose. */
    static final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
        private final boolean verbose;

        UserErrorHandler(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (e instanceof CommandLine.ParameterException bad) {
                return usageError(bad, null);
            }
            PrintWriter err = commandLine.getErr();
            if (verbose) {
                e.printStackTrace(err);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("nn2crn: error: " + message.lines().findFirst().orElse(message));
            if (!verbose && !UserErrors.isUserError(e)) {
                err.println("nn2crn: (an unexpected error; run again with --verbose for details)");
            }
            err.flush();
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{versionLine(), "Java " + System.getProperty("java.version")};
        }

        /** "nn2crn 0.1.0-SNAPSHOT" */
        static String versionLine() {
            return nn2crn.pipeline.Versions.line();
        }
    }
}
