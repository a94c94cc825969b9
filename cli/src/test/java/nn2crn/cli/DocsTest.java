package nn2crn.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user guide and the commands kept in step: each docs page holds the {@code --help} of its
 * commands, as the current build prints it, and every command line in the README and the docs uses
 * only options its command has. After an intended change to an option:
 * {@code mvn test -pl cli -Dtest=DocsTest -Dnn2crn.updateDocs=true} rewrites the help blocks.
 */
class DocsTest {

    private static final Path ROOT = Path.of("..");

    /** The page of each command (a command with subcommands: each subcommand on the same page). */
    static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("reproduce", "docs/reproducing.md");
        PAGES.put("run", "docs/training.md");
        PAGES.put("train", "docs/training.md");
        PAGES.put("data info", "docs/own-data.md");
        PAGES.put("data export", "docs/own-data.md");
        PAGES.put("data check", "docs/own-data.md");
        PAGES.put("compile", "docs/compiling.md");
        PAGES.put("check", "docs/compiling.md");
        PAGES.put("simulate", "docs/simulation.md");
        PAGES.put("molecules", "docs/molecules.md");
        PAGES.put("robustness", "docs/molecules.md");
        PAGES.put("dna", "docs/dna.md");
        PAGES.put("dna mix", "docs/dna.md");
        PAGES.put("sweep", "docs/sweeps.md");
        PAGES.put("cluster master", "docs/sweeps.md");
        PAGES.put("cluster worker", "docs/sweeps.md");
    }

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- help: (?<command>[a-z ]+) -->\\n```text\\n(?<text>.*?)```\\n<!-- /help -->", Pattern.DOTALL);

    static String help(String command) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(command.isBlank() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                args.toArray(new String[0]));
        assertEquals(0, code, command);
        return out.toString();
    }

    @Test
    void everyPageHoldsTheCurrentHelpOfItsCommands() throws Exception {
        boolean update = Boolean.getBoolean("nn2crn.updateDocs");
        Map<String, String> pages = new LinkedHashMap<>();
        for (String page : PAGES.values()) {
            pages.putIfAbsent(page, Files.readString(ROOT.resolve(page)));
        }
        for (Map.Entry<String, String> e : PAGES.entrySet()) {
            String command = e.getKey();
            String text = pages.get(e.getValue());
            String want = help(command);
            Matcher m = BLOCK.matcher(text);
            boolean found = false;
            while (m.find()) {
                if (!m.group("command").equals(command)) {
                    continue;
                }
                found = true;
                if (update) {
                    text = text.substring(0, m.start("text")) + want + text.substring(m.end("text"));
                    pages.put(e.getValue(), text);
                } else {
                    assertEquals(want, m.group("text"), e.getValue() + ": the --help of 'nn2crn " + command + "' "
                            + "(-Dnn2crn.updateDocs=true rewrites it)");
                }
                break;
            }
            if (!found && update) {
                text = text.stripTrailing() + "\n\n## `nn2crn " + command + "` options\n\n<!-- help: " + command
                        + " -->\n```text\n" + want + "```\n<!-- /help -->\n";
                pages.put(e.getValue(), text);
                found = true;
            }
            assertTrue(found, e.getValue() + " has no help block for 'nn2crn " + command + "'");
        }
        if (update) {
            for (Map.Entry<String, String> p : pages.entrySet()) {
                Files.writeString(ROOT.resolve(p.getKey()), p.getValue());
            }
        }
    }

    /** Every {@code nn2crn COMMAND --option} in a code block of the README or the docs exists. */
    @Test
    void everyDocumentedCommandLineUsesRealOptions() throws Exception {
        CommandLine main = new CommandLine(new Main());
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        int lines = 0;
        for (Path file : files) {
            List<String> commandLines = commandLines(Files.readString(file));
            for (String line : commandLines) {
                lines++;
                String[] words = line.trim().split("\\s+");
                int at = 1;
                CommandLine command = main.getSubcommands().get(words[at]);
                assertTrue(command != null, file.getFileName() + ": unknown command in: " + line);
                if (at + 1 < words.length && command.getSubcommands().containsKey(words[at + 1])) {
                    command = command.getSubcommands().get(words[++at]);
                }
                for (int w = at + 1; w < words.length; w++) {
                    String word = words[w];
                    if (word.equals("#") || word.startsWith("#")) {
                        break;
                    }
                    if (!word.startsWith("--") || word.equals("--")) {
                        continue;
                    }
                    String name = word.replaceFirst("=.*", "").replaceAll("[`,;)]+$", "");
                    if (Main.VERBOSE_FLAG.equals(name) || Main.QUIET_FLAG.equals(name)) {
                        continue;
                    }
                    OptionSpec option = command.getCommandSpec().findOption(name);
                    assertTrue(option != null, file.getFileName() + ": 'nn2crn " + command.getCommandSpec().qualifiedName()
                            .replaceFirst("^nn2crn ", "") + "' has no option " + name + " (in: " + line + ")");
                }
            }
        }
        assertTrue(lines > 30, "command lines found: " + lines);
    }

    /** Lines in fenced code blocks that run nn2crn, continuation lines joined. */
    static List<String> commandLines(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        boolean helpText = false;
        StringBuilder pending = null;
        for (String raw : markdown.split("\n")) {
            if (raw.startsWith("```")) {
                fence = !fence;
                // a --help block (```text) is the command's own text, not a command line
                helpText = fence && raw.startsWith("```text");
                continue;
            }
            if (!fence || helpText) {
                continue;
            }
            String line = raw.strip();
            if (pending != null) {
                pending.append(' ').append(line.replaceFirst("\\\\$", ""));
                if (!line.endsWith("\\")) {
                    out.add(pending.toString());
                    pending = null;
                }
                continue;
            }
            Matcher m = Pattern.compile("(?:^|\\s|\\()(?:\\./)?nn2crn (.*)$").matcher(line);
            if (m.find() && !line.startsWith("Usage:") && !line.startsWith("#")) {
                String text = "nn2crn " + m.group(1);
                if (text.endsWith("\\")) {
                    pending = new StringBuilder(text.replaceFirst("\\\\$", ""));
                } else {
                    out.add(text);
                }
            }
        }
        assertFalse(fence, "an unclosed code block");
        return out;
    }
}
