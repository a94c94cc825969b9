package nn2crn.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Locale;

/**
 * Range checks of option values, called from the options' setters so that a bad value is refused
 * while the command line is parsed: before any work starts or any file is written.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static double positiveFinite(CommandSpec spec, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw error(spec, option + " must be a positive finite number, is " + text(value));
        }
        return value;
    }

    static double nonNegativeFinite(CommandSpec spec, String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw error(spec, option + " must be a finite number >= 0, is " + text(value));
        }
        return value;
    }

    static double finite(CommandSpec spec, String option, double value) {
        if (!Double.isFinite(value)) {
            throw error(spec, option + " must be a finite number, is " + text(value));
        }
        return value;
    }

    static int atLeast(CommandSpec spec, String option, int value, int min) {
        if (value < min) {
            throw error(spec, option + " must be at least " + min + ", is " + value);
        }
        return value;
    }

    private static String text(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
