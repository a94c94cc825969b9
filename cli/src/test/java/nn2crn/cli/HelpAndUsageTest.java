package nn2crn.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a newcomer meets first: the help texts and the answers to a mistyped command line. */
class HelpAndUsageTest {

    /** Every command and subcommand, as its words after {@code nn2crn}. */
    static List<String> commands() {
        List<String> all = new ArrayList<>();
        CommandLine main = new CommandLine(new Main());
        main.getSubcommands().forEach((name, command) -> {
            if (name.equals("help")) {
                return;
            }
            all.add(name);
            command.getSubcommands().keySet().forEach(sub -> all.add(name + " " + sub));
        });
        return all;
    }

    @Test
    void everyHelpIsWholeSentencesWrappedAtSpaces() {
        String top = DocsTest.help("");
        for (String line : top.substring(top.indexOf("Commands:")).lines().skip(1).toList()) {
            if (line.startsWith("  ") && !line.startsWith("   ") && !line.contains("help ")) {
                assertTrue(line.strip().endsWith(".") || line.strip().endsWith(".)"), "a whole sentence: " + line);
            }
        }
        CommandLine main = new CommandLine(new Main());
        for (String command : commands()) {
            CliRunner r = CliRunner.run((command + " --help").split(" "));
            assertEquals(0, r.exitCode(), command);
            assertFalse(r.out().contains("WARN") || r.err().contains("WARN"), command + ": " + r.err());
            r.out().lines().forEach(l -> assertTrue(l.length() <= Main.HELP_WIDTH, command + ": " + l));
            // every option's description reads as written: no line break inside a word or a path
            String flat = r.out().replaceAll("\\s+", " ");
            CommandLine spec = main;
            for (String word : command.split(" ")) {
                spec = spec.getSubcommands().get(word);
            }
            for (ArgSpec arg : spec.getCommandSpec().args()) {
                if (arg.hidden()) {
                    continue;
                }
                String text = HelpLayout.description(arg).replaceAll("\\s+", " ").strip();
                assertTrue(flat.contains(text), command + ": the description as written: " + text);
            }
        }
    }

    @Test
    void mistypedCommandLinesGetASuggestionAndExitTwo() {
        CliRunner typo = CliRunner.run("simualte");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().startsWith("nn2crn: error: unknown command 'simualte' (did you mean simulate?)"), typo.err());
        CliRunner option = CliRunner.run("dna", "--crn", "x", "--max-strand", "200");
        assertEquals(2, option.exitCode());
        assertTrue(option.err().contains("unknown option '--max-strand'"), option.err());
        CliRunner what = CliRunner.run("reproduce", "iris-csv");
        assertEquals(2, what.exitCode(), what.err());
    }

    @Test
    void globalFlagsGoBeforeOrAfterTheCommandAndUnitsInAnyCase() {
        assertEquals(0, CliRunner.run("--verbose", "check", "../configs/iris.yaml").exitCode());
        assertEquals(0, CliRunner.run("check", "../configs/iris.yaml", "--quiet").exitCode());
        CliRunner unit = CliRunner.run("dna", "--crn", "x", "--unit-nm", "0");
        assertEquals(2, unit.exitCode());
        assertTrue(unit.err().contains("--unit-nM must be a positive"), unit.err());
    }
}
