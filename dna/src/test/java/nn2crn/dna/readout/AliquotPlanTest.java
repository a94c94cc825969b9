package nn2crn.dna.readout;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.CrnText;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.dna.order.PipettingPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: which reporters go in which well. */
class AliquotPlanTest {

    /** k classes, each read-out species at a fixed amount, with the subtract read-out recorded. */
    static DnaSystem classes(int k) {
        StringBuilder text = new StringBuilder();
        List<CrnOutput> outputs = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            text.append("y").append(j).append("_pos @initial 1\n");
            outputs.add(new CrnOutput("y" + j, "y" + j + "_pos", null));
        }
        Crn formal = CrnText.parse(text.toString(), "k.crn", "k").withOutputs(outputs)
                .withInfo(Map.of("readout", "subtract", "readout_offset", 0.0));
        return DnaTranslation.translate(formal, "soloveichik2010", DnaOptions.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource({"3,1,3", "3,2,2", "3,4,1", "4,1,4", "4,2,2", "4,4,1", "10,1,10", "10,2,5", "10,4,3"})
    void everyClassInOneWellWithDistinctDyes(int classes, int colours, int wells) {
        DnaSystem system = classes(classes);
        AliquotPlan plan = AliquotPlan.of(system, colours, AliquotPlan.DEFAULT_DYES, null);
        assertEquals(wells, plan.wells().size());
        Set<String> seen = new HashSet<>();
        for (AliquotPlan.Well w : plan.wells()) {
            assertTrue(w.channels().size() >= 1 && w.channels().size() <= colours);
            Set<String> dyes = new HashSet<>();
            for (AliquotPlan.Channel c : w.channels()) {
                assertTrue(dyes.add(c.dye().name()), "distinct dyes in well " + w.number());
                assertTrue(seen.add(c.species()), c.species() + " in one well only");
                assertEquals(AliquotPlan.DEFAULT_DYES.get(w.channels().indexOf(c)), c.dye());
            }
        }
        assertEquals(classes, seen.size(), "every class is read");
        // the order sheet's modifications: a dye on each fluorophore strand, a quencher on each quencher strand
        Map<String, List<String>> mods = plan.modifications();
        assertEquals(2 * classes, mods.size());
        assertTrue(mods.get("fy0_pos_reporter_fluorophore").get(0).startsWith("5' ATTO488"));
        assertTrue(mods.get("fy0_pos_reporter_quencher").get(1).startsWith("3' Iowa Black"));
        assertEquals(classes + 1, plan.csv().lines().count());
    }

    @Test
    void classNamesDyesAndBadPlans() {
        DnaSystem system = classes(3);
        AliquotPlan plan = AliquotPlan.of(system, 2, List.of(AliquotPlan.Dye.parse("fam"),
                AliquotPlan.Dye.parse("Alexa 647:BHQ-3")), List.of("setosa", "versicolor", "virginica"));
        assertEquals("setosa", plan.wells().get(0).channels().get(0).className());
        assertEquals("FAM", plan.wells().get(0).channels().get(0).dye().name());
        assertEquals("BHQ-3", plan.wells().get(0).channels().get(1).dye().quencher());
        assertTrue(plan.rule().startsWith("subtract: add each well's reporters at the read time"));
        assertThrows(IllegalArgumentException.class, () -> AliquotPlan.Dye.parse("Texas Purple"));
        assertThrows(IllegalArgumentException.class, () -> AliquotPlan.of(system, 3, AliquotPlan.DEFAULT_DYES.subList(0, 2),
                null));
        assertThrows(IllegalArgumentException.class, () -> AliquotPlan.of(system, 2,
                List.of(AliquotPlan.KNOWN.get(0), AliquotPlan.KNOWN.get(0)), null));
        assertThrows(IllegalArgumentException.class, () -> AliquotPlan.of(system, 0, AliquotPlan.DEFAULT_DYES, null));
    }

    @Test
    void reportersAreNotInTheMasterMix() {
        DnaSystem system = classes(4);
        PipettingPlan plan = PipettingPlan.of(system, 100, 100, 20, 0.5);
        List<PipettingPlan.Step> reporters = plan.steps().stream()
                .filter(PipettingPlan::isReporter).toList();
        assertTrue(reporters.stream().allMatch(s -> s.kind().equals(PipettingPlan.REPORTER_AT_READ_TIME_KIND)),
                "the subtract read-out's reporters are added at the read time");
        assertEquals(4, reporters.size());
        double all = plan.steps().stream().mapToDouble(PipettingPlan.Step::volumeUL).sum();
        assertEquals(all - reporters.stream().mapToDouble(PipettingPlan.Step::volumeUL).sum(), plan.masterVolumeUL(),
                1e-12);
    }
}
