package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.CrnText;
import nn2crn.simulate.MassActionSystem;
import nn2crn.simulate.Simulator;
import nn2crn.simulate.SolverSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: fluorophore-quencher reporters and the rates set through helper concentrations. */
class ReporterTest {

    private static final SolverSettings TIGHT = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-9, 1e-12, 0,
            1_000_000);

    /** A formal CRN with a single-species read-out (as wta records it): y at a fixed amount. */
    private static Crn readOnly(double y0, String readout) {
        Crn parsed = CrnText.parse("y @initial " + y0 + "\n", "r.crn", "r");
        return parsed.withOutputs(List.of(new CrnOutput("y", "y", null))).withInfo(Map.of("readout", readout,
                "readout_offset", 0.0, "wta_level", 1.0));
    }

    @Test
    void aReporterFollowsTheClosedFormOfOneDisplacement() {
        DnaOptions options = new DnaOptions(5, 15, 10, 100, 0, 0);
        DnaSystem system = DnaTranslation.translate(readOnly(2, "wta"), "soloveichik2010", options);
        assertEquals(1, system.reporters().size());
        Reporter reporter = system.reporters().get(0);
        assertEquals("fy_reporter", reporter.complex());
        DnaComplex complex = system.fuels().stream().filter(f -> f.name().equals(reporter.complex())).findFirst()
                .orElseThrow();
        assertEquals(List.of(List.of("y_b"), List.of("y_b*", "y_a*")), complex.strands(),
                "quencher strand b over fluorophore strand b* a*");
        Crn dna = system.toCrn();
        assertEquals(List.of(Reporter.fluorescenceOf("y")), dna.outputs().stream().map(CrnOutput::positive).toList());
        Simulator simulator = new Simulator(dna, new MassActionSystem(dna), TIGHT);
        double k = options.rates().displacement();
        double x0 = 20; // nM: 2 units
        double r0 = options.fuelNm();
        for (double t : new double[]{30, 120, 600, 3600}) {
            double fluorescence = simulator.run(0, dna.initialState(new double[0]), t, false).outputs()[0]
                    * options.unitNm();
            // y + R -> F: dF/dt = k (x0 - F)(r0 - F)
            double e = Math.exp(-(r0 - x0) * k * t);
            double closed = x0 * r0 * (1 - e) / (r0 - x0 * e);
            assertEquals(closed, fluorescence, 1e-6 * x0, "fluorescence at " + t + " s");
        }
    }

    @Test
    void theSubtractReadOutsReportersComeAtTheReadTime() {
        DnaSystem system = DnaTranslation.translate(readOnly(2, "subtract"), "soloveichik2010", DnaOptions.DEFAULT);
        Reporter reporter = system.reporters().get(0);
        assertTrue(reporter.atReadTime());
        Crn dna = system.toCrn();
        // absent while the circuit computes; the output is the signal the reporter will show
        assertEquals(0, dna.species().get(dna.speciesIndex().get(reporter.complex())).initial());
        assertEquals(List.of("y"), dna.outputs().stream().map(CrnOutput::positive).toList());
        assertEquals(100, system.fuels().stream().filter(f -> f.name().equals(reporter.complex())).findFirst()
                .orElseThrow().initialNm(), "the design still holds it at the fuel concentration");
    }

    @Test
    void aDualRailReadOutHasNoReporters() {
        Crn rails = CrnText.parse("a @initial 1\nb @initial 0.5\na -> yp\nb -> yn\n", "r.crn", "r")
                .withOutputs(List.of(new CrnOutput("y", "yp", "yn")));
        DnaSystem system = DnaTranslation.translate(rails, "soloveichik2010", DnaOptions.DEFAULT);
        assertTrue(system.reporters().isEmpty(), "no read-out stage recorded: no reporters");
        assertEquals(system.formal().outputs(), system.toCrn().outputs());
    }

    @Test
    void aSlowerBimolecularReactionGetsMoreHelper() {
        Crn formal = CrnText.parse("a @initial 1\nb @initial 1\nc @initial 1\na + b -> d\nc + b -> e [k = 0.1]\n",
                "s.crn", "s");
        DnaSystem system = DnaTranslation.translate(formal, "soloveichik2010", DnaOptions.DEFAULT);
        Map<String, Double> nm = new java.util.LinkedHashMap<>();
        system.fuels().forEach(f -> nm.put(f.name(), f.initialNm()));
        assertEquals(100, nm.get("f1_helper"));
        assertEquals(1000, nm.get("f2_helper"), 1e-9, "k_max / k = 10 times the fuel");
        assertEquals(100, nm.get("f2_gate"), "the gate, and so the reaction's capacity, stays at the fuel's");
        assertTrue(system.cost().warnings().stream().noneMatch(w -> w.contains("rate constants")),
                "bimolecular rates are implemented: no warning");
        // the two reactions compete for b. Formally c = a^0.1 as they run, so b runs out at a + a^0.1 = 1:
        // a = 0.1645, d = 0.8355, e = 0.1645, e/d = 0.197 (1 at equal rates). The helper sets the ratio
        // through an equilibrium that the fast reaction's own steps only approach: within a factor 2
        Crn dna = system.toCrn();
        Crn read = dna.withOutputs(List.of(new CrnOutput("d", "d", null), new CrnOutput("e", "e", null)));
        Simulator both = new Simulator(read, new MassActionSystem(read), TIGHT);
        double[] out = both.run(0, read.initialState(new double[0]), 86_400, false).outputs();
        double ratio = out[1] / out[0];
        assertEquals(1, out[0] + out[1], 1e-3, "b is used up");
        assertTrue(ratio > 0.197 / 2 && ratio < 0.197 * 2, "e/d = " + ratio);
    }
}
