package nn2crn.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import nn2crn.datasets.CsvSpec;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.datasets.TableRecipe;

import java.nio.file.Path;
import java.util.List;

/**
 * One training experiment, as read from a YAML file in {@code configs/}. Field names are the YAML
 * keys; {@link ConfigLoader} checks types and values and reports the offending key.
 */
public record TrainConfig(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("seed") Long seed,
        @JsonProperty("dataset") DatasetSection dataset,
        @JsonProperty("network") NetworkSection network,
        @JsonProperty("training") TrainingSection training,
        @JsonProperty("compile") CompileSection compile,
        @JsonProperty("simulate") SimulateSection simulate,
        @JsonProperty("dna") DnaSection dna) {

    /**
     * What {@code nn2crn run} compiles (not part of training: changing it reuses the trained network).
     *
     * @param reduce {@code true}: the rate-independent CRN and its reduced form; {@code false}: only
     *               the first; {@code only}: only the reduced one (for networks whose unreduced CRN
     *               takes too long to simulate)
     * @param readout how the rate-independent CRNs are read, one or several side by side: {@code rails}
     *                (dual-rail, the default), {@code subtract} (an offset c chosen on the training split
     *                and one annihilation {@code y<j>_pos + y<j>_neg ->} per class:
     *                nn2crn.compile.SubtractReadout) and {@code wta} (subtract, then winner-take-all:
     *                nn2crn.compile.WtaReadout)
     */
    public record CompileSection(
            @JsonProperty("schemes") List<String> schemes,
            @JsonProperty("reduce") String reduce,
            @JsonProperty("shift_inputs") Boolean shiftInputs,
            @JsonProperty("eps") Double eps,
            @JsonProperty("readout")
            @com.fasterxml.jackson.annotation.JsonFormat(with =
                    com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> readout) {

        public static final List<String> REDUCE_VALUES = List.of("true", "false", "only");
        public static final List<String> READOUT_VALUES = List.of("rails", "subtract", "wta");

        public CompileSection(List<String> schemes, String reduce, Boolean shiftInputs, Double eps) {
            this(schemes, reduce, shiftInputs, eps, null);
        }

        /** The read-outs of the rate-independent CRNs, in order ({@code rails} when none is given). */
        public List<String> readouts() {
            return readout == null || readout.isEmpty() ? List.of("rails") : readout;
        }

        /** Whether each rate-independent CRN to compile is reduced, in order. */
        public List<Boolean> rateIndependentVariants() {
            return switch (reduce == null ? "true" : reduce) {
                case "false" -> List.of(false);
                case "only" -> List.of(true);
                default -> List.of(false, true);
            };
        }
    }

    /**
     * What {@code nn2crn run} simulates.
     *
     * @param limit          simulate only this many examples of the split (0: all)
     * @param errorScale     what rtol is relative to: {@code state} or {@code peak} (the simulate module's ErrorScale)
     * @param rateDraws      random draws of the rate constants for the robustness table (0: none)
     * @param rateDrawLimit  examples simulated per draw
     */
    public record SimulateSection(
            @JsonProperty("split") String split,
            @JsonProperty("limit") Integer limit,
            @JsonProperty("t_max") Double tMax,
            @JsonProperty("solver") String solver,
            @JsonProperty("rtol") Double rtol,
            @JsonProperty("atol") Double atol,
            @JsonProperty("error_scale") String errorScale,
            @JsonProperty("rate_draws") Integer rateDraws,
            @JsonProperty("rate_draw_limit") Integer rateDrawLimit,
            @JsonProperty("plot_examples") List<Integer> plotExamples,
            @JsonProperty("wta_rate_spread") Double wtaRateSpread) {

        /** The measured spread of strand-displacement gates' rates: each factor in [0.35, 1.65]. */
        public static final double DEFAULT_WTA_RATE_SPREAD = 0.65;

        public SimulateSection(String split, Integer limit, Double tMax, String solver, Double rtol, Double atol,
                               String errorScale, Integer rateDraws, Integer rateDrawLimit, List<Integer> plotExamples) {
            this(split, limit, tMax, solver, rtol, atol, errorScale, rateDraws, rateDrawLimit, plotExamples, null);
        }
    }

    /**
     * What {@code nn2crn run} does with DNA (absent: nothing): translate the rate-independent CRNs
     * named, cost them, and simulate them at DNA level on the simulate split.
     *
     * @param crns      which rate-independent CRNs: {@code plain} and/or {@code reduced}
     * @param unitNm    concentration of one network unit in the design written out, nM
     * @param kineticsUnitNm the concentrations of one network unit whose DNA-level kinetics are simulated, nM
     * @param readout   read-out times, seconds (the last is t_max)
     * @param limit     simulate only the first N examples of the split (0: all)
     */
    public record DnaSection(
            @JsonProperty("scheme") String scheme,
            @JsonProperty("crns") List<String> crns,
            @JsonProperty("unit_nM") Double unitNm,
            @JsonProperty("kinetics_unit_nM") List<Double> kineticsUnitNm,
            @JsonProperty("fuel_nM") Double fuelNm,
            @JsonProperty("toehold_nt") Integer toeholdNt,
            @JsonProperty("domain_nt") Integer domainNt,
            @JsonProperty("readout") List<Double> readout,
            @JsonProperty("leak_rate") Double leakRate,
            @JsonProperty("gate_leak") Double gateLeak,
            @JsonProperty("limit") Integer limit,
            @JsonProperty("max_strand_nt") Integer maxStrandNt,
            @JsonProperty("readouts") List<String> readouts,
            @JsonProperty("colours") Integer colours,
            @JsonProperty("dyes") List<String> dyes,
            @JsonProperty("readout_fuel_nM") Double readoutFuelNm) {

        public static final List<String> CRN_VALUES = List.of("plain", "reduced");

        public DnaSection(String scheme, List<String> crns, Double unitNm, List<Double> kineticsUnitNm, Double fuelNm,
                          Integer toeholdNt, Integer domainNt, List<Double> readout, Double leakRate, Double gateLeak,
                          Integer limit, Integer maxStrandNt) {
            this(scheme, crns, unitNm, kineticsUnitNm, fuelNm, toeholdNt, domainNt, readout, leakRate, gateLeak, limit,
                    maxStrandNt, null, null, null, null);
        }
    }

    /** The same config with another seed (what {@code reproduce} trains, and {@code run --seed}). */
    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(name, description, newSeed, dataset, network, training, compile, simulate, dna);
    }

    /** The same config without the compile, simulate and dna sections (what training depends on). */
    public TrainConfig trainingPart() {
        return new TrainConfig(name, description, seed, dataset, network, training, null, null, null);
    }

    /**
     * @param trainSplit  the split the weights are fitted on
     * @param selectSplit the split early stopping watches; the best epoch on it is kept
     * @param splitSeed   seed of the stratified split where the dataset has no fixed one (iris)
     * @param path        a csv dataset's file (absolute once validated; written relative to the config)
     * @param label       a csv dataset's label column
     * @param features    a csv dataset's feature columns (null: every numeric column but the label)
     * @param split       a csv dataset's split: shares, or a column naming each row's split
     * @param standardize the split a csv dataset's standardization is fitted on, or none
     * @param missing     error (a missing cell stops the load) or drop (such rows are left out)
     */
    public record DatasetSection(
            @JsonProperty("name") String name,
            @JsonProperty("variant") String variant,
            @JsonProperty("split_seed") Long splitSeed,
            @JsonProperty("train_split") String trainSplit,
            @JsonProperty("select_split") String selectSplit,
            // a csv dataset's keys: left out of the JSON (and so of the config hash) for the others
            @JsonProperty("path") @JsonInclude(JsonInclude.Include.NON_NULL) String path,
            @JsonProperty("label") @JsonInclude(JsonInclude.Include.NON_NULL) String label,
            @JsonProperty("features") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> features,
            @JsonProperty("split") @JsonInclude(JsonInclude.Include.NON_NULL) CsvSplit split,
            @JsonProperty("standardize") @JsonInclude(JsonInclude.Include.NON_NULL) String standardize,
            @JsonProperty("missing") @JsonInclude(JsonInclude.Include.NON_NULL) String missing) {

        public DatasetSection(String name, String variant, Long splitSeed, String trainSplit, String selectSplit) {
            this(name, variant, splitSeed, trainSplit, selectSplit, null, null, null, null, null, null);
        }

        /** A csv dataset's spec (null for the shipped datasets). */
        public CsvSpec csv() {
            if (!CsvSpec.NAME.equals(name)) {
                return null;
            }
            TableRecipe.SplitRule rule = split.column() != null ? new TableRecipe.ByColumn(split.column())
                    : new TableRecipe.Fractions(split.valid(), split.test(), split.seed(), split.stratified());
            return new CsvSpec(Path.of(path), label, features, rule, "none".equals(standardize) ? null : standardize,
                    "drop".equals(missing));
        }
    }

    /** A csv dataset's split: shares of a seeded split (stratified by class), or a column naming the split. */
    public record CsvSplit(
            @JsonProperty("train") Double train,
            @JsonProperty("valid") Double valid,
            @JsonProperty("test") Double test,
            @JsonProperty("seed") Long seed,
            @JsonProperty("stratified") Boolean stratified,
            @JsonProperty("column") String column) {
    }

    /** The dataset this config trains on, loaded. */
    public Dataset loadDataset(DataStore store) {
        return Datasets.load(dataset.name(), dataset.variant(), store, dataset.splitSeed(), dataset.csv());
    }

    /**
     * @param weights          binary, ternary or real
     * @param ternaryThreshold latent |w| below it becomes 0 (ternary only)
     * @param activation       hidden activation: relu or smooth-relu
     * @param eps              smoothing constant of smooth-relu
     * @param weightScale      none, or glorot: binarized weights are +-H with
     *                         H = sqrt(1.5 / (fan_in + fan_out)) during training (BinaryConnect's H)
     * @param maxFanout        each source unit keeps at most this many nonzero outgoing weights (0: no cap)
     * @param sparsity         target share of zero weights per layer (0: none)
     * @param prune            at export, remove hidden units that contribute nothing: none, exact (zero
     *                         incoming or outgoing weights; the function is unchanged) or inactive (also
     *                         units never active on the training split)
     */
    public record NetworkSection(
            @JsonProperty("hidden") List<Integer> hidden,
            @JsonProperty("weights") String weights,
            @JsonProperty("ternary_threshold") Double ternaryThreshold,
            @JsonProperty("activation") String activation,
            @JsonProperty("eps") Double eps,
            @JsonProperty("weight_scale") String weightScale,
            @JsonProperty("max_fanout") Integer maxFanout,
            @JsonProperty("sparsity") Double sparsity,
            @JsonProperty("prune") String prune) {

        public static final List<String> PRUNE_VALUES = List.of("none", "exact", "inactive");
    }

    /**
     * @param loss           squared-hinge (targets -1/+1, the paper's) or cross-entropy (softmax)
     * @param inputDropout   probability of dropping an input feature
     * @param hiddenDropout  probability of dropping a hidden unit's output
     * @param patience       epochs without improvement on the select split before stopping
     */
    public record TrainingSection(
            @JsonProperty("loss") String loss,
            @JsonProperty("batch_size") Integer batchSize,
            @JsonProperty("epochs") Integer epochs,
            @JsonProperty("lr_start") Double lrStart,
            @JsonProperty("lr_end") Double lrEnd,
            @JsonProperty("input_dropout") Double inputDropout,
            @JsonProperty("hidden_dropout") Double hiddenDropout,
            @JsonProperty("patience") Integer patience) {
    }

    public WeightMode weightMode() {
        return WeightMode.parse(network.weights());
    }

    /** The rule from latent to used weights, budget included. */
    /**
     * The weight rule. The ternary threshold is taken as the float it is in training (latent weights
     * are floats, and ND4J compares them with a float threshold), so the exported network, computed
     * in doubles, equals the trained one also for a weight lying exactly on it (0.7, say, is
     * 0.69999999 as a float).
     */
    public Quantizer quantizer() {
        return new Quantizer(weightMode(), network.ternaryThreshold().floatValue(), network.sparsity() == null ? 0 : network.sparsity(),
                network.maxFanout() == null ? 0 : network.maxFanout());
    }

    public boolean smoothRelu() {
        return "smooth-relu".equals(network.activation());
    }

    public boolean glorotScale() {
        return "glorot".equals(network.weightScale());
    }

    public boolean crossEntropy() {
        return "cross-entropy".equals(training.loss());
    }
}
