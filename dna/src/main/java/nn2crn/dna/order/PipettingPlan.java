package nn2crn.dna.order;

import nn2crn.crn.CrnException;
import nn2crn.dna.DnaComplex;
import nn2crn.dna.DnaSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The master mix of one reaction: for a reaction volume, the volume of each annealed fuel complex,
 * each single-strand fuel and each signal with a fixed starting amount (a bias), from their stocks,
 * with a dilution step for any volume under the pipette's minimum; the per-sample input strands
 * come on top ({@link SampleMix}), and buffer makes up the rest. A reporter goes only into the well
 * that reads its class ({@link nn2crn.dna.readout.AliquotPlan}): its step is in the plan, kind
 * {@link #REPORTER_KIND}, but not in the master mix shared by the wells.
 *
 * @param volumeUL       reaction volume
 * @param strandStockUM  stock of a single strand (a resuspended oligo)
 * @param complexStockUM stock of an annealed complex ({@link AnnealingRecipe#annealUM()})
 * @param minUL          the smallest volume pipetted; smaller ones are diluted first
 */
public record PipettingPlan(double volumeUL, double strandStockUM, double complexStockUM, double minUL, List<Step> steps) {

    /**
     * One component.
     *
     * @param dilution the stock is first diluted 1:dilution in buffer (1: used as it is)
     */
    public record Step(String component, String kind, double finalNM, double stockUM, int dilution, double volumeUL) {
    }

    public static final String REPORTER_KIND = "reporter (only in its class's well: aliquots.csv)";
    public static final String REPORTER_AT_READ_TIME_KIND = "reporter (only in its class's well, added at the read "
            + "time: aliquots.csv)";

    public static PipettingPlan of(DnaSystem system, double volumeUL, double strandStockUM, double complexStockUM,
                                   double minUL) {
        for (double v : new double[]{volumeUL, strandStockUM, complexStockUM, minUL}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("volumes and stocks must be positive, are " + volumeUL + " uL, "
                        + strandStockUM + " uM, " + complexStockUM + " uM, " + minUL + " uL");
            }
        }
        List<Step> steps = new ArrayList<>();
        java.util.Map<String, nn2crn.dna.Reporter> reporters = new java.util.HashMap<>();
        system.reporters().forEach(r -> reporters.put(r.complex(), r));
        for (DnaComplex fuel : system.fuels()) {
            boolean annealed = fuel.strands().size() > 1;
            nn2crn.dna.Reporter reporter = reporters.get(fuel.name());
            String kind = reporter != null ? (reporter.atReadTime() ? REPORTER_AT_READ_TIME_KIND : REPORTER_KIND)
                    : annealed ? "annealed complex" : "fuel strand";
            steps.add(step(fuel.name(), kind, fuel.initialNm(), annealed ? complexStockUM : strandStockUM, volumeUL,
                    minUL));
        }
        for (DnaComplex signal : system.signals()) {
            if (signal.initialNm() > 0) {
                steps.add(step(signal.name(), "signal (" + signal.formal() + ", fixed amount)", signal.initialNm(),
                        strandStockUM, volumeUL, minUL));
            }
        }
        PipettingPlan plan = new PipettingPlan(volumeUL, strandStockUM, complexStockUM, minUL, steps);
        if (plan.masterVolumeUL() + plan.reportersVolumeUL() > volumeUL) {
            // the components' volumes grow with the reaction's (a diluted one only up to the minimum):
            // stronger stocks or less fuel help most
            throw new CrnException(String.format(Locale.ROOT, "the master mix needs %.1f uL of its %d components, more "
                    + "than the %.1f uL reaction: raise --anneal-uM / --stock-uM, lower --fuel-nM, or raise --volume-uL",
                    plan.masterVolumeUL(), steps.size(), volumeUL));
        }
        return plan;
    }

    /** The volume of a component at a final concentration, with the dilution that brings it to the minimum. */
    static Step step(String name, String kind, double finalNM, double stockUM, double volumeUL, double minUL) {
        double volume = finalNM * volumeUL / (stockUM * 1000);
        if (volume == 0) {
            return new Step(name, kind, finalNM, stockUM, 1, 0); // nothing to add
        }
        int dilution = 1;
        while (volume * dilution < minUL) {
            if (dilution >= 1_000_000) {
                throw new CrnException(String.format(java.util.Locale.ROOT, "%s: %s nM in %s uL needs more than a "
                        + "1:1,000,000 dilution of its %s uM stock: use a weaker stock", name,
                        nn2crn.crn.CrnText.number(finalNM), nn2crn.crn.CrnText.number(volumeUL),
                        nn2crn.crn.CrnText.number(stockUM)));
            }
            dilution *= 10;
        }
        return new Step(name, kind, finalNM, stockUM, dilution, volume * dilution);
    }

    /** The master mix: every component but the reporters, the same in every well. */
    public double masterVolumeUL() {
        return steps.stream().filter(s -> !isReporter(s)).mapToDouble(Step::volumeUL).sum();
    }

    /** All the reporters' volumes together (a bound on what one well adds to the master mix). */
    public double reportersVolumeUL() {
        return steps.stream().filter(PipettingPlan::isReporter).mapToDouble(Step::volumeUL).sum();
    }

    public static boolean isReporter(Step step) {
        return REPORTER_KIND.equals(step.kind()) || REPORTER_AT_READ_TIME_KIND.equals(step.kind());
    }
}
