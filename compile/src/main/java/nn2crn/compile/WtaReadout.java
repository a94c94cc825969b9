package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The winner-take-all read-out stage ({@link Readout#WTA}) after the {@link SubtractReadout
 * subtract} stage, after Cherry and Qian, "Scaling up molecular pattern recognition with DNA-based
 * winner-take-all neural networks", Nature 2018: the classes' read-out species annihilate pairwise,
 * {@code y<i>_pos + y<j>_pos -> y<i>_y<j>_pair} for i < j, so that only the largest survives, and each
 * class's survivor restores its own signal catalytically,
 * {@code y<j>_pos + y<j>_supply -> y<j>_pos + y<j>_on}, from a supply of {@code level} units. The
 * outputs are {@code y<j>_on}: the winner's ends at the level, the others near 0.
 *
 * <p>The classes' outputs are computed while the annihilation runs, and a class's negative rail can
 * arrive after its positive one was annihilated with another class's: left alone, that negative rail
 * would find nothing to cancel and the other class would have lost a unit it should keep (measured on
 * Iris: a tenth of the winners never turned on). So the annihilation keeps a record of each pair, and
 * a late negative rail gives the partner its unit back: {@code y<i>_neg + y<i>_y<j>_pair -> y<j>_pos}
 * (and the same for j). With it, {@code [y<j>_pos] - [y<j>_neg] + sum_i [pair of i and j]} stays
 * {@code y_j + c} whatever the rates, as without the stage.
 *
 * <p>Rates (formal, relative to the network's reactions at 1): annihilation {@value #ANNIHILATION_RATE},
 * slower than the network so that it mostly compares finished outputs; restoration
 * {@value #RESTORATION_RATE}, slower again, so that a losing class is annihilated before it restores
 * much (Cherry and Qian's annihilator is likewise faster than their restoration). The DNA translation
 * implements them through its helper concentrations.
 *
 * <p>Unlike the stages before it, this one is <em>rate-dependent</em>: each {@code y<j>_pos} is
 * consumed by several reactions (its own rail's annihilation and one per other class), and a class
 * restores its signal for as long as it survives, so how much a losing class turns on, and for a
 * class that is produced late even which class wins, depends on the rates. The manifest says so
 * ({@code readout.rate_dependent}); the robustness command measures it under a rate spread.
 */
public final class WtaReadout {

    /** Restored signal per class, network units, unless given. */
    public static final double DEFAULT_LEVEL = 1;
    /** Pairwise annihilation, relative to the network's reactions. */
    public static final double ANNIHILATION_RATE = 0.1;
    /** Catalytic restoration, relative to the network's reactions. */
    public static final double RESTORATION_RATE = 0.01;

    private WtaReadout() {
    }

    /** The outputs' species name: the restored signal of class j. */
    public static String onSpecies(String readoutSpecies) {
        return base(readoutSpecies) + "_on";
    }

    private static String base(String readoutSpecies) {
        return readoutSpecies.endsWith("_pos") ? readoutSpecies.substring(0, readoutSpecies.length() - 4) : readoutSpecies;
    }

    /**
     * The stage on a CRN that has the subtract read-out (single-species outputs, each consumed only by
     * its rail's annihilation).
     *
     * @param level the restored signal of the winner, network units (> 0)
     */
    public static Crn apply(Crn crn, double level) {
        if (!(level > 0) || Double.isInfinite(level)) {
            throw new IllegalArgumentException("the winner-take-all level must be a positive number, is " + level);
        }
        if (SubtractReadout.offsetOf(crn) == null) {
            throw new CrnException("CRN '" + crn.name() + "' has no subtract read-out: winner-take-all comes after it");
        }
        if (crn.outputs().size() < 2) {
            throw new CrnException("CRN '" + crn.name() + "' has " + crn.outputs().size() + " output: winner-take-all "
                    + "needs at least 2 classes");
        }
        List<Species> species = new ArrayList<>(crn.species());
        List<Reaction> reactions = new ArrayList<>(crn.reactions());
        Map<String, Integer> index = crn.speciesIndex();
        List<CrnOutput> outputs = new ArrayList<>();
        List<String> readout = crn.outputs().stream().map(CrnOutput::positive).toList();
        int layer = readout.stream().mapToInt(s -> species.get(index.get(s)).layer()).max().orElse(-1) + 1;
        Map<String, String> negativeOf = new LinkedHashMap<>();
        for (String y : readout) {
            negativeOf.put(y, base(y) + "_neg");
            if (!index.containsKey(base(y) + "_neg")) {
                throw new CrnException("CRN '" + crn.name() + "' has no negative rail " + base(y) + "_neg for output "
                        + y + ": winner-take-all comes after the subtract stage of a dual-rail CRN");
            }
        }
        for (int i = 0; i < readout.size(); i++) {
            for (int j = i + 1; j < readout.size(); j++) {
                String yi = readout.get(i);
                String yj = readout.get(j);
                String pair = base(yi) + "_" + base(yj) + "_pair";
                if (index.containsKey(pair)) {
                    throw new CrnException("CRN '" + crn.name() + "' already has a species '" + pair + "'");
                }
                species.add(new Species(pair, 0, SpeciesRole.INTERMEDIATE, layer));
                reactions.add(new Reaction(List.of(new Term(yi, 1), new Term(yj, 1)), List.of(new Term(pair, 1)),
                        ANNIHILATION_RATE, layer));
                reactions.add(new Reaction(List.of(new Term(negativeOf.get(yi), 1), new Term(pair, 1)),
                        List.of(new Term(yj, 1)), 1, layer));
                reactions.add(new Reaction(List.of(new Term(negativeOf.get(yj), 1), new Term(pair, 1)),
                        List.of(new Term(yi, 1)), 1, layer));
            }
        }
        for (int j = 0; j < readout.size(); j++) {
            String y = readout.get(j);
            String supply = base(y) + "_supply";
            String on = onSpecies(y);
            for (String name : List.of(supply, on)) {
                if (index.containsKey(name)) {
                    throw new CrnException("CRN '" + crn.name() + "' already has a species '" + name + "'");
                }
            }
            species.add(new Species(supply, level, SpeciesRole.HELPER, layer));
            species.add(new Species(on, 0, SpeciesRole.OUTPUT, layer));
            reactions.add(new Reaction(List.of(new Term(y, 1), new Term(supply, 1)),
                    List.of(new Term(y, 1), new Term(on, 1)), RESTORATION_RATE, layer));
            outputs.add(new CrnOutput(crn.outputs().get(j).name(), on, null));
        }
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        // the annihilations and returns consume only these (the restorations also a supply: not in it)
        List<String> stage = new ArrayList<>();
        if (crn.info().get("readout_species") instanceof List<?> before) {
            before.forEach(s -> stage.add(String.valueOf(s)));
        }
        species.stream().filter(s -> s.name().endsWith("_pair")).forEach(s -> stage.add(s.name()));
        info.put("readout_species", stage);
        info.put("readout", Readout.WTA.id);
        info.put("wta_level", level);
        info.put("wta_rates", Map.of("annihilation", ANNIHILATION_RATE, "restoration", RESTORATION_RATE,
                "return", 1.0));
        return new Crn(crn.name(), species, reactions, crn.inputs(), outputs, info);
    }

    /** The winner's restored level if the CRN (formal, or read back from its files) has the stage, else null. */
    public static Double levelOf(Crn crn) {
        if (!Readout.WTA.id.equals(crn.info().get("readout"))) {
            return null;
        }
        if (!(crn.info().get("wta_level") instanceof Number level)) {
            throw new CrnException("CRN '" + crn.name() + "' has the winner-take-all read-out but records no wta_level");
        }
        return level.doubleValue();
    }

    /**
     * What an ideal winner-take-all ends at from the subtract stage's values {@code max(y_j + c, 0)}:
     * the level on the largest (the first of a tie), 0 elsewhere; all 0 when none is positive.
     */
    public static double[] ideal(double[] subtracted, double level) {
        double[] out = new double[subtracted.length];
        int best = nn2crn.network.ForwardPass.argmax(subtracted);
        if (subtracted[best] > 0) {
            out[best] = level;
        }
        return out;
    }
}
