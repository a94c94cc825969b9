package nn2crn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's five-minute tour, run as printed (its {@code runs/} folder moved into a temporary
 * one): every command must work, so a newcomer's first steps do.
 */
class ReadmeTourTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheTourWorks() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int tour = readme.indexOf("## A five-minute tour");
        assertTrue(tour >= 0, "the README has its tour");
        int start = readme.indexOf("```bash\n", tour);
        int end = readme.indexOf("```\n", start + 8);
        List<String> commands = DocsTest.commandLines(readme.substring(start, end + 4));
        assertTrue(commands.size() >= 4, commands.toString());
        String runs = dir.resolve("runs").toString();
        for (String command : commands) {
            List<String> args = new ArrayList<>();
            for (String word : command.replace("runs/", runs + "/").replace("examples/", "../examples/").trim()
                    .split("\\s+")) {
                if (word.startsWith("#")) {
                    break;
                }
                args.add(word);
            }
            args.remove(0); // nn2crn
            if (args.get(0).equals("reproduce")) {
                args.addAll(List.of("--out", runs + "/reproduce"));
            }
            CliRunner r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), command + "\n" + r.err());
        }
        assertTrue(Files.exists(dir.resolve("runs/reproduce/table.md")), "cat runs/reproduce/table.md");
        assertTrue(Files.exists(dir.resolve("runs/tour/dna/system.pil")));
        assertTrue(Files.exists(dir.resolve("runs/tour/simulate/summary.json")));
        assertTrue(Files.exists(dir.resolve("runs/tour/order/order/plate-1.csv")));
        assertTrue(Files.exists(dir.resolve("runs/tour/order/order/mix-iris-samples.csv")));
    }
}
