package nn2crn.crn;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sbml.jsbml.KineticLaw;
import org.sbml.jsbml.Model;
import org.sbml.jsbml.SBMLDocument;
import org.sbml.jsbml.SpeciesReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SbmlExportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rate-independent, false, 0", "rate-independent, true, 0", "smooth-relu, false, 0",
            "rate-independent, true, 100", "smooth-relu, false, 250"})
    void passesTheConsistencyCheckAndReadsBackEqual(String scheme, boolean reduce, double unitValue) {
        ConcentrationUnit unit = unitValue == 0 ? null : new ConcentrationUnit(ConcentrationUnit.Molar.nM, unitValue);
        Crn crn = CrnCompiler.compile(TestNetworks.random(new Random(2), new int[]{3, 5, 4, 2}, new double[]{-1, 0, 1, 2}),
                CompileOptions.of(Scheme.parse(scheme)).withReduce(reduce));
        Path file = dir.resolve("network.sbml");
        SbmlExport.write(crn, unit, file);
        SBMLDocument doc = SbmlExport.read(file);
        // every category of JSBML's offline check, units included: no errors and no warnings
        assertEquals(List.of(), SbmlExport.consistencyProblems(doc, true));
        assertEquals((unit == null ? ConcentrationUnit.DEFAULT : unit).unit().scale,
                doc.getModel().getUnitDefinition("substance_unit").getUnit(0).getScale());

        Model model = doc.getModel();
        double scale = unit == null ? 1 : unitValue;
        assertEquals(crn.species().size(), model.getSpeciesCount());
        for (Species s : crn.species()) {
            assertEquals(s.initial() * scale, model.getSpecies(s.name()).getInitialConcentration(), 1e-12 * (1 + s.initial()));
        }
        assertEquals(crn.reactions().size(), model.getReactionCount());
        for (int r = 0; r < crn.reactions().size(); r++) {
            Reaction expected = crn.reactions().get(r);
            org.sbml.jsbml.Reaction actual = model.getReaction(r);
            assertFalse(actual.getReversible());
            assertEquals(expected.reactants(), terms(actual.getListOfReactants()));
            assertEquals(expected.products(), terms(actual.getListOfProducts()));
            KineticLaw law = actual.getKineticLaw();
            double k = law.getLocalParameter("k").getValue();
            assertEquals(expected.rate() * Math.pow(scale, 1 - expected.order()), k, 1e-12 * k);
            // compartment times k times each reactant to its stoichiometry (amount per time)
            String formula = law.getMath().toFormula().replace(" ", "");
            assertEquals(expected.reactants().size() + 2, formula.split("\\*").length, formula);
            assertTrue(List.of(formula.split("\\*")).containsAll(List.of("solution", "k")), formula);
            assertEquals(12, law.getSBOTerm());
        }
    }

    private static List<Term> terms(List<SpeciesReference> refs) {
        return refs.stream().map(r -> new Term(r.getSpecies(), (int) r.getStoichiometry())).toList();
    }

    @org.junit.jupiter.api.Test
    void writesNoLogFile() {
        SbmlExport.write(CrnCompiler.compile(TestNetworks.tiny(), CompileOptions.of(Scheme.RATE_INDEPENDENT)), null,
                dir.resolve("t.sbml"));
        assertFalse(Files.exists(Path.of("jsbml.log")));
    }
}
