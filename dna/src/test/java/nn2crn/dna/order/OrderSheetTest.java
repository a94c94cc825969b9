package nn2crn.dna.order;

import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.dna.StrandTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plates, tubes, purification, annealing and pipetting of a small design. */
class OrderSheetTest {

    @TempDir
    Path dir;

    static final DnaSystem THREE = nn2crn.dna.TestDesigns.three();

    /** Stand-in sequences of the right lengths (the designer's are tested in nn2crn.dna.sequences). */
    static Map<String, String> sequences(DnaSystem system) {
        Map<String, String> out = new LinkedHashMap<>();
        int k = 0;
        for (StrandTable.Row row : StrandTable.rows(system, null)) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < row.lengthNt(); i++) {
                s.append("ACT".charAt((i + k) % 3));
            }
            out.put(row.name(), s.toString());
            k++;
        }
        return out;
    }

    @Test
    void strandsInComplexesArePagePurifiedAndPlatesFillColumnWise() throws Exception {
        OrderSheet sheet = OrderSheet.make(THREE, sequences(THREE), new OrderSheet.Settings(5, 0.1,
                Map.of(OrderSheet.PAGE, 50.0), "USD"));
        Map<String, OrderSheet.Line> byName = new LinkedHashMap<>();
        sheet.lines().forEach(l -> byName.put(l.name(), l));
        assertEquals(OrderSheet.PAGE, byName.get("f1_gate_bottom").purification());
        assertEquals(OrderSheet.PAGE, byName.get("f1_gate_output").purification());
        // m_1_ is pre-bound in a translator: a truncated copy would leave the translator open
        assertEquals(OrderSheet.PAGE, byName.get("m_1_").purification());
        assertEquals(OrderSheet.DESALTED, byName.get("x").purification());
        assertEquals("A1", OrderSheet.well(0));
        assertEquals("H1", OrderSheet.well(7));
        assertEquals("A2", OrderSheet.well(8));
        assertEquals("H12", OrderSheet.well(95));
        // the PAGE group fills a plate; the 2 desalted strands (x, z) are fewer than 5: tubes
        assertEquals(1, sheet.plates().size());
        assertEquals(List.of("x", "z"), sheet.tubes().stream().map(OrderSheet.Line::name).toList());
        double nt = sheet.lines().stream().filter(l -> true).mapToInt(OrderSheet.Line::lengthNt).sum();
        long page = sheet.lines().stream().filter(l -> l.purification().equals(OrderSheet.PAGE)).count();
        assertEquals(0.1 * nt + 50 * page, sheet.cost(), 1e-9);

        AnnealingRecipe annealing = AnnealingRecipe.of(THREE, 10);
        AnnealingRecipe.Complex gate = annealing.complexes().stream().filter(c -> c.name().equals("f1_gate")).findFirst()
                .orElseThrow();
        assertEquals(2, gate.parts().size());
        assertEquals(11.0, gate.parts().stream().filter(p -> p.strand().equals("f1_gate_bottom")).findFirst().orElseThrow()
                .uM(), 1e-12);
        assertEquals(10.0, gate.parts().stream().filter(p -> p.strand().equals("f1_gate_output")).findFirst().orElseThrow()
                .uM(), 1e-12);

        PipettingPlan plan = PipettingPlan.of(THREE, 100, 100, 10, 0.5);
        PipettingPlan.Step gateStep = plan.steps().stream().filter(s -> s.component().equals("f1_gate")).findFirst()
                .orElseThrow();
        // 100 nM in 100 uL from 10 uM: 1 uL
        assertEquals(1.0, gateStep.volumeUL(), 1e-12);
        assertEquals(1, gateStep.dilution());
        PipettingPlan.Step x = plan.steps().stream().filter(s -> s.component().equals("x")).findFirst().orElseThrow();
        // 10 nM in 100 uL from 100 uM is 0.01 uL: diluted 1:100 to pipette 1 uL
        assertEquals(100, x.dilution());
        assertEquals(1.0, x.volumeUL(), 1e-12);

        // nothing to add is no step, not a 1:1,000,000 dilution
        PipettingPlan.Step zero = PipettingPlan.step("x0_neg", "input strand", 0, 100, 100, 0.5);
        assertEquals(0.0, zero.volumeUL());
        assertEquals(1, zero.dilution());
        // a plate is one purification at one scale, and PAGE is ordered from 100 nmol
        sheet.plates().forEach(p -> assertEquals(1, p.wells().stream().map(l -> l.purification() + l.scale())
                .distinct().count(), p.purification()));
        assertTrue(sheet.lines().stream().filter(l -> l.purification().equals(OrderSheet.PAGE))
                .noneMatch(l -> l.scale().equals("25nm")));

        Path order = dir.resolve("order");
        OrderFiles.write(sheet, annealing, plan, null, List.of("test design"), order);
        Path golden = Path.of("src/test/resources/golden/order-plate-1.csv");
        String plate = Files.readString(order.resolve("plate-1.csv"));
        if (Boolean.getBoolean("nn2crn.updateGolden")) {
            Files.writeString(golden, plate);
        }
        assertEquals(Files.readString(golden), plate);
        assertTrue(plate.startsWith("Well Position,Name,Sequence\r\nA1,"), plate);
        for (String f : List.of("plate-1-map.csv", "plate-1-map.png", "tubes.csv", "strands.csv", "annealing.csv",
                "pipetting.csv", "plan.json", "README.md")) {
            assertTrue(Files.size(order.resolve(f)) > 0, f);
        }
    }

    @Test
    void refusesWhatCannotBeOrderedOrPipetted() {
        Map<String, String> wrong = new LinkedHashMap<>(sequences(THREE));
        wrong.put("x", "ACT");
        assertTrue(assertThrows(CrnException.class, () -> OrderSheet.make(THREE, wrong, OrderSheet.Settings.DEFAULT))
                .getMessage().contains("strand x has a 3-nt sequence for 40 nt"));
        assertTrue(assertThrows(CrnException.class, () -> OrderSheet.scale(240, "long", OrderSheet.DESALTED))
                .getMessage().contains("--max-strand-nt 200"));
        // 7 fuels at 100 nM from 0.5 uM stocks in 10 uL: 2 uL each, 14 uL in all
        assertTrue(assertThrows(CrnException.class, () -> PipettingPlan.of(THREE, 10, 0.5, 0.5, 0.5)).getMessage()
                .contains("more than the 10.0 uL reaction"));
    }
}
