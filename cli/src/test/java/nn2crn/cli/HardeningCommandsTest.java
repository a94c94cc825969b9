package nn2crn.cli;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.crn.CrnText;
import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11 at the command line: refuse before working, one line each, no partial output. */
class HardeningCommandsTest {

    @TempDir
    Path dir;

    private Path network() {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{1, -1}, {-1, 1}, {1, 0}}, new double[]{0.5, 0, -0.25});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1, -1, 1}, {-1, 1, 0}}, new double[]{0, 0.5});
        Network network = new Network("small", 2, List.of("a", "b"), List.of("yes", "no"), Map.of(),
                new InputRange(new double[]{-2, -2}, new double[]{2, 2}), List.of(hidden, out));
        Path file = dir.resolve("network.json");
        NetworkJson.write(network, file);
        return file;
    }


    @Test
    void badOptionValuesAreRefusedBeforeAnyWork() throws Exception {
        Path crn = dir.resolve("decay.crn");
        Files.writeString(crn, "A -> B\n");
        Path inputs = dir.resolve("in.csv");
        Files.writeString(inputs, "A\n1\n");
        Path out = dir.resolve("never");
        List<String> base = List.of("simulate", "--crn", crn.toString(), "--inputs", inputs.toString(), "--output", "y=B",
                "--out", out.toString());
        String[][] cases = {
                {"--t-max", "-1", "--t-max must be a positive finite number, is -1.0"},
                {"--t-max", "0", "--t-max must be a positive finite number, is 0.0"},
                {"--t-max", "NaN", "--t-max must be a positive finite number, is NaN"},
                {"--t-max", "Infinity", "--t-max must be a positive finite number, is Infinity"},
                {"--threads", "0", "--threads must be at least 1, is 0"},
                {"--threads", "-3", "--threads must be at least 1, is -3"},
                {"--steady-tol", "-1", "--steady-tol must be a finite number >= 0"},
                {"--rtol", "0", "--rtol must be a positive finite number"},
                {"--atol", "-1e-9", "--atol must be a positive finite number"},
                {"--max-steps", "0", "--max-steps must be at least 1"},
                {"--solver", "euler", "--solver: unknown solver 'euler'"},
                {"--error-scale", "max", "--error-scale: unknown error scale 'max' (known: state, peak)"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(base);
            args.add(c[0]);
            args.add(c[1]);
            CliRunner.refused(2, c[2], args.toArray(new String[0]));
        }
        List<String> peakWithCommonsMath = new ArrayList<>(base);
        peakWithCommonsMath.addAll(List.of("--solver", "dp54", "--error-scale", "peak"));
        CliRunner.refused(2, "error scale 'peak' needs one of nn2crn's own solvers", peakWithCommonsMath.toArray(new String[0]));
        List<String> twice = new ArrayList<>(base);
        twice.addAll(List.of("--output", "y=A"));
        CliRunner.refused(1, "output 'y' is given twice", twice.toArray(new String[0]));
        assertFalse(Files.exists(out), "nothing was written");

        Path net = network();
        CliRunner.refused(2, "--limit must be at least 0, is -5", "simulate", "--crn", dir.toString(), "--network", net.toString(),
                "--limit", "-5");
        CliRunner.refused(2, "--draws must be at least 1, is 0", "robustness", "--crn", crn.toString(), "--inputs",
                inputs.toString(), "--output", "y=B", "--draws", "0", "--out", out.toString());
        CliRunner.refused(2, "--low must be below --high", "robustness", "--crn", crn.toString(), "--inputs", inputs.toString(),
                "--output", "y=B", "--low", "5", "--high", "2", "--out", out.toString());
        CliRunner.refused(2, "--low must be a positive finite number", "robustness", "--crn", crn.toString(), "--inputs",
                inputs.toString(), "--output", "y=B", "--low", "0", "--out", out.toString());
        assertFalse(Files.exists(out), "nothing was written");
        CliRunner.refused(2, "--input-min must be a finite number, is NaN", "compile", "--network", net.toString(),
                "--shift-inputs", "--input-min", "NaN", "--out", out.toString());
        CliRunner.refused(2, "--input-min must be a finite number, is -Infinity", "compile", "--network", net.toString(),
                "--shift-inputs", "--input-min", "-Infinity", "--out", out.toString());
        assertFalse(Files.exists(out), "nothing was written");
    }

    @Test
    void aFailedCompileLeavesNoPartialOutput() throws Exception {
        Path net = network();
        Path out = dir.resolve("crn");
        Files.createDirectories(out.resolve("network.sbml")); // something in the way of one of the three files
        CliRunner r = CliRunner.run("compile", "--network", net.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("nn2crn: error")).count(), r.err());
        assertFalse(Files.exists(out.resolve("network.crn")), "no network.crn without its SBML and manifest");
        assertFalse(Files.exists(out.resolve("manifest.json")));
    }

    @Test
    void checkReportsEveryFileOnOneLine() throws Exception {
        Path net = network();
        assertEquals(0, CliRunner.run("compile", "--network", net.toString(), "--out", dir.resolve("c").toString())
                .exitCode());
        Path bad = dir.resolve("bad.crn");
        Files.writeString(bad, "A -> B\nC + -> D\n");
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "name: x\nname: y\n");
        CliRunner r = CliRunner.run("check", dir.resolve("c").toString(), net.toString(), bad.toString(), config.toString(),
                dir.resolve("c/manifest.json").toString(), Path.of("..", "configs", "iris.yaml").toString());
        assertEquals(1, r.exitCode());
        List<String> lines = r.out().lines().toList();
        assertEquals(7, lines.size(), r.out());
        assertTrue(lines.get(0).matches(".*c: ok: CRN small, \\d+ species, \\d+ reactions; non-competitive, feed-forward: "
                + "the final state does not depend on the rate constants.*"), lines.get(0));
        assertTrue(lines.get(1).endsWith("network.json: ok: network small 2-3-2"), lines.get(1));
        assertTrue(lines.get(2).endsWith("bad.crn:2:5: expected a species name, found '-'"), lines.get(2));
        assertTrue(lines.get(3).endsWith("c.yaml:2:1: duplicate key 'name' (first on line 1; each key may appear once in its section)"),
                lines.get(3));
        assertTrue(lines.get(4).contains("manifest.json: ok: CRN small"), lines.get(4));
        assertTrue(lines.get(5).contains("iris.yaml: ok: config iris"), lines.get(5));
        assertEquals("6 files: 4 ok, 2 with errors", lines.get(6));
    }

    /**
     * A seeded fuzz test of the .crn reader through {@code check}: thousands of mutants of a
     * compiled CRN parsed in one JVM; no internal error, and every error one line naming
     * file:line:column.
     */
    @Test
    void fuzzedCrnFilesGiveOneLineErrorsWithLineAndColumn() throws Exception {
        Network network = NetworkJson.read(network());
        String[] seeds = {
                CrnText.format(CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT)), List.of("fuzz")),
                CrnText.format(CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true)),
                        List.of("fuzz")),
                CrnText.format(CrnCompiler.compile(network, CompileOptions.of(Scheme.SMOOTH_RELU)), List.of("fuzz")),
                "A <=> B [kf = 2, kr = 0.5]; C @initial 1e-3\n2 A + B -> 0 [k = 1.5]\n"};
        String alphabet = "->+<=@[]=,;#0123456789.eE-kfrAxyz_ \n\t\u0000\u00e9\"'";
        Random random = new Random(20_261_123L);
        Path fuzz = Files.createDirectories(dir.resolve("fuzz"));
        List<String> args = new ArrayList<>(List.of("check"));
        int mutants = 3000;
        for (int m = 0; m < mutants; m++) {
            StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(5)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    case 2 -> text.insert(at, Long.toString(random.nextLong()));
                    case 3 -> text.setLength(at);
                    default -> {
                        int from = random.nextInt(text.length() + 1);
                        text.insert(at, text.substring(from, Math.min(text.length(), from + random.nextInt(40))));
                    }
                }
            }
            Path file = fuzz.resolve("m" + m + ".crn");
            Files.writeString(file, text);
            args.add(file.toString());
        }
        long start = System.nanoTime();
        CliRunner r = CliRunner.run(args.toArray(new String[0]));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = r.out().lines().toList();
        assertEquals(mutants + 1, lines.size());
        int errors = 0;
        for (String line : lines.subList(0, mutants)) {
            assertFalse(line.contains("internal error"), line);
            if (!line.contains(": ok: ")) {
                errors++;
                assertTrue(line.matches(".*m\\d+\\.crn(:\\d+:\\d+)?: .*"), line);
                assertTrue(line.matches(".*m\\d+\\.crn:\\d+:\\d+: .*") || line.contains("no such file")
                        || line.contains("cannot read"), "an error names its line and column: " + line);
                assertTrue(line.length() < 300, line);
            }
        }
        assertTrue(errors > mutants / 4, "the mutants mostly break the syntax: " + errors);
        assertTrue(seconds < 60, "one JVM parses them quickly: " + seconds + " s");
    }
}
