package nn2crn.dna.sequences;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.dna.thermo.Conditions;
import nn2crn.dna.thermo.NearestNeighbor;

import java.nio.file.Path;

/**
 * A timing sanity run, not a unit test: designs the sequences of a CRN's DNA translation (the
 * MNIST network unless the first argument names a compile folder or .crn file) with the real
 * nearest-neighbour energy and prints the size, k, score, time and the checks.
 * Arguments: CRN path, max strand nt (0: no cap), time budget s (default 100), seed (default 1).
 * Run from the repository root, e.g.
 * {@code java -cp dna/target/classes:dna/target/test-classes:$(cat /tmp/cp.txt) nn2crn.dna.sequences.LargeDesignTiming runs/mnist/crn-rate-independent 200}.
 */
public final class LargeDesignTiming {

    private LargeDesignTiming() {
    }

    public static void main(String[] args) {
        Path crnFile = Path.of(args.length > 0 ? args[0] : "runs/mnist/crn-rate-independent");
        int maxStrandNt = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        double budget = args.length > 2 ? Double.parseDouble(args[2]) : 100;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Crn formal = CrnFiles.read(crnFile);
        DnaOptions options = DnaOptions.DEFAULT;
        if (maxStrandNt > 0) {
            formal = DnaTranslation.capStrandLength(formal, maxStrandNt, options);
            options = options.withMaxStrandNt(maxStrandNt);
        }
        long t0 = System.nanoTime();
        DnaSystem system = DnaTranslation.translate(formal, "soloveichik2010", options);
        System.out.printf("translated in %.1f s: %d domains, %d strands%n", (System.nanoTime() - t0) / 1e9,
                system.domains().size(), system.strands().size());
        SequenceDesigner.Settings settings = SequenceDesigner.Settings
                .defaults(s -> NearestNeighbor.deltaG(s, Conditions.DEFAULT))
                .withLimits(SequenceDesigner.Settings.DEFAULT_MAX_ITERATIONS, budget).withSeed(seed);
        t0 = System.nanoTime();
        SequenceDesign design = SequenceDesigner.design(system, settings);
        System.out.printf("designed %,d nt in %.1f s: k = %d, %,d windows, score %d -> %d after %,d iterations "
                        + "(%,.0f moves/s), remaining %s, passed %s %s%n", design.totalNt(),
                (System.nanoTime() - t0) / 1e9, design.k(), design.windows(), design.initialScore(), design.score(),
                design.iterations(), design.iterations() / Math.max(1e-9, design.seconds()), design.remaining(),
                design.passed(), design.problems());
        t0 = System.nanoTime();
        SequenceChecks.Report report = SequenceChecks.check(design);
        System.out.printf("checked in %.1f s: passed %s%n", (System.nanoTime() - t0) / 1e9, report.passed());
        report.checks().forEach(c -> System.out.println("  " + c.name() + ": " + (c.passed() ? "ok" : "FAILED") + " "
                + c.summary() + (c.passed() ? "" : "\n    " + String.join("\n    ",
                c.failures().subList(0, Math.min(5, c.failures().size()))))));
        System.out.println("sequences hash " + design.domainSequences().hashCode());
    }
}
