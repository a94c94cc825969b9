package nn2crn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The option and parameter lists of every {@code --help}, wrapped at spaces only. picocli's own
 * table wraps at the JDK's line-break opportunities, which fall inside paths and file names
 * ({@code ~/.} | {@code cache}, {@code spark://host:} | {@code 7077}); a user copying from the help
 * must get the text as written.
 */
final class HelpLayout {

    static final int WIDTH = Main.HELP_WIDTH;
    /** Where descriptions start (picocli's own column for our option names). */
    private static final int NAMES_COLUMN = 24;
    private static final int INDENT = 2;
    private static final int CONTINUATION = 2;

    private HelpLayout() {
    }

    /** Installs the lists on this command and all its subcommands. */
    static void install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> render(help.commandSpec().options().stream().filter(o -> !o.hidden())
                        .sorted(Comparator.comparing(HelpLayout::sortKey)).map(o -> (ArgSpec) o).toList()));
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
                help -> render(help.commandSpec().positionalParameters().stream().filter(p -> !p.hidden())
                        .map(p -> (ArgSpec) p).toList()));
        commandLine.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static String sortKey(OptionSpec option) {
        return option.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    static String render(List<ArgSpec> args) {
        StringBuilder out = new StringBuilder();
        for (ArgSpec arg : args) {
            String names = " ".repeat(INDENT) + names(arg);
            List<String> lines = wrap(description(arg), WIDTH - NAMES_COLUMN - CONTINUATION);
            int from = 0;
            if (names.length() <= NAMES_COLUMN - 2) {
                out.append(pad(names, NAMES_COLUMN));
                if (!lines.isEmpty()) {
                    out.append(lines.get(0));
                }
                out.append('\n');
                from = 1;
            } else {
                out.append(names).append('\n');
            }
            for (int k = from; k < lines.size(); k++) {
                out.append(" ".repeat(NAMES_COLUMN + (k == 0 ? 0 : CONTINUATION))).append(lines.get(k)).append('\n');
            }
        }
        return out.toString();
    }

    private static String names(ArgSpec arg) {
        String label = arg.paramLabel();
        if (arg instanceof PositionalParamSpec) {
            return label;
        }
        OptionSpec option = (OptionSpec) arg;
        List<String> names = new ArrayList<>(List.of(option.names()));
        names.sort(Comparator.comparingInt(String::length));
        String text = (names.get(0).startsWith("--") ? "    " : "") + String.join(", ", names);
        if (option.arity().max() > 0) {
            String split = option.splitRegexSynopsisLabel() == null || option.splitRegexSynopsisLabel().isEmpty()
                    ? option.splitRegex() : option.splitRegexSynopsisLabel();
            text += "=" + label + (split == null || split.isEmpty() ? "" : "[" + split.replace("\\", "") + label
                    + "...]");
        }
        return text;
    }

    /** The description as the user reads it: variables filled in, picocli's %n and %% resolved. */
    static String description(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        String defaultValue = arg.defaultValueString();
        text = text.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue);
        if (arg.completionCandidates() != null && text.contains("${COMPLETION-CANDIDATES}")) {
            List<String> candidates = new ArrayList<>();
            arg.completionCandidates().forEach(candidates::add);
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
        }
        return text.replace("%n", "\n").replace("%%", "%");
    }

    /** Lines of at most {@code width} characters, broken at spaces only (a longer word stays whole). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
