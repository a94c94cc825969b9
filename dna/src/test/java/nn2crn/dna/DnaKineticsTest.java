package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Fixtures;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import nn2crn.simulate.MassActionSystem;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.ResultRow;
import nn2crn.simulate.Simulator;
import nn2crn.simulate.SolverSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DNA-level kinetics of implementation CRNs, in nM and seconds, against closed forms and the heart reference. */
class DnaKineticsTest {

    @TempDir
    Path dir;

    private static final SolverSettings TIGHT = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-9, 1e-12, 0,
            1_000_000);

    /** x -> y at 1 nM per unit from x = 1: the concentrations of the formal species over time. */
    private static double[] formalAt(Crn dna, double[] start, double t) {
        Simulator simulator = new Simulator(dna, new MassActionSystem(dna), TIGHT);
        return simulator.run(0, start, t, false).outputs();
    }

    @Test
    void oneReactionFollowsItsClosedForm() {
        Crn formal = CrnText.parse("x @initial 1\nx -> y\n", "one.crn", "one")
                .withOutputs(List.of(new nn2crn.crn.CrnOutput("x", "x", null), new nn2crn.crn.CrnOutput("y", "y", null)));
        DnaOptions options = new DnaOptions(5, 15, 1, 100, 0, 0);
        Crn dna = DnaTranslation.translate(formal, "soloveichik2010", options).toCrn();
        double[] start = dna.initialState(new double[0]);
        double k = options.rates().displacement();
        double f = options.fuelNm();
        double x0 = 1; // nM
        for (double t : new double[]{10, 60, 300, 1800}) {
            double[] values = formalAt(dna, start, t);
            // x + gate -> output + waste with the gate depleted by what x used: dx/dt = -k x (x + f - x0)
            double c = f - x0;
            double e = Math.exp(-k * c * t);
            double x = c * x0 * e / (c + x0 * (1 - e));
            assertEquals(x, values[0], 1e-6 * x0, "x at " + t + " s");
            // the translator step at the same rate, fuels in excess: y = x0 (1 - e^{-kft} (1 + kft))
            double y = x0 * (1 - Math.exp(-k * f * t) * (1 + k * f * t));
            assertEquals(y, values[1], 0.02 * x0, "y at " + t + " s");
        }
        assertEquals(1, formalAt(dna, start, 86_400)[1], 1e-6, "all of x becomes y");
    }

    @Test
    void leakMakesAZeroInputDriftAsTheModelPredicts() {
        Crn formal = CrnText.parse("x -> y\n", "one.crn", "one")
                .withOutputs(List.of(new nn2crn.crn.CrnOutput("y", "y", null)));
        double rate = 1e-6;
        double fuel = 100;
        Crn leaky = DnaTranslation.translate(formal, "soloveichik2010", new DnaOptions(5, 15, 1, fuel, rate, 0)).toCrn();
        double[] start = leaky.initialState(new double[0]);
        for (double t : new double[]{3600, 36_000, 86_400}) {
            // gate + translator -> y at rate R [L][T], both starting at F: y = F - F / (1 + R F t)
            double y = fuel - fuel / (1 + rate * fuel * t);
            assertEquals(y, formalAt(leaky, start, t)[0], 1e-4 * y, "leaked y at " + t + " s");
        }
        // a gate that starts 1% triggered releases 1% of the fuel as y
        Crn triggered = DnaTranslation.translate(formal, "soloveichik2010", new DnaOptions(5, 15, 1, fuel, 0, 0.01))
                .toCrn();
        assertEquals(0.01 * fuel, formalAt(triggered, triggered.initialState(new double[0]), 86_400)[0], 1e-6);
        Crn clean = DnaTranslation.translate(formal, "soloveichik2010", new DnaOptions(5, 15, 1, fuel, 0, 0)).toCrn();
        assertEquals(0, formalAt(clean, clean.initialState(new double[0]), 86_400)[0], 1e-12, "no leak, no drift");
    }

    /**
     * The authors' heart CRN at 10 nM per unit: every fixture example reaches the network's outputs
     * within 0.01 (network units) by 24 h.
     */
    @Test
    void heartReachesTheNetworksOutputsWithinADay() throws Exception {
        Path fixtures = Fixtures.dir();
        Crn formal = CrnText.read(fixtures.resolve("heart.crn")).withOutputs(List.of(
                new nn2crn.crn.CrnOutput("y0", "hL1N0Spos", "hL1N0Sneg"),
                new nn2crn.crn.CrnOutput("y1", "hL1N1Spos", "hL1N1Sneg")));
        Crn dna = DnaTranslation.translate(formal, "soloveichik2010", DnaOptions.DEFAULT).toCrn();
        List<Evaluation.Example> examples = Examples.fromTable(fixtures.resolve("heart-inputs.csv"), dna);
        Evaluation.Outcome outcome = Evaluation.run(dna, examples, new Evaluation.Settings(86_400, 2,
                new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-6, 1e-6, 0, 1_000_000), RateSpec.UNIFORM, Set.of()),
                dir, false, (d, t, s) -> { });
        List<CSVRecord> expected;
        try (Reader reader = Files.newBufferedReader(fixtures.resolve("heart-expected.csv"))) {
            expected = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
        assertEquals(255, outcome.rows().size());
        double worst = 0;
        for (ResultRow row : outcome.rows()) {
            CSVRecord e = expected.get(row.example());
            assertEquals("t-max", row.status());
            worst = Math.max(worst, Math.abs(row.crnOutputs()[0] - Double.parseDouble(e.get("nn_y0"))));
            worst = Math.max(worst, Math.abs(row.crnOutputs()[1] - Double.parseDouble(e.get("nn_y1"))));
        }
        assertTrue(worst < 0.01, "largest difference from the network " + worst);
    }
}
