package nn2crn.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a command's Spark job runs: {@code --master} and {@code --spark-conf} (sweep, simulate, dna, run, reproduce). */
final class SparkOptions {

    /** The master URLs Spark takes (checked here, so that a typo is one line before any work). */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s]+|yarn|k8s://[^\\s]+");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], or a cluster's URL such as spark://host:7077. sweep: default "
                    + "local[N] with N = --threads, and a cluster's workers must see --out and the data folder; "
                    + "simulate, dna, run and reproduce: default none (this JVM's --threads), and only the "
                    + "simulations go to Spark, their tasks carrying what they need.")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting (repeatable), e.g. spark.driver.host=10.0.0.5 (the address a cluster's "
                    + "executors reach this machine at) or spark.executor.memory=4g.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    /**
     * The simulations' Spark engine for {@code --master}, or null without it (then this JVM's threads):
     * the caller closes it, which stops its Spark context.
     */
    nn2crn.pipeline.SparkSimulation simulation(nn2crn.pipeline.PipelineLog log) {
        Map<String, String> settings = conf();
        return master == null ? null : new nn2crn.pipeline.SparkSimulation(master, settings, log);
    }

    /** The engine itself: the Spark one, or this JVM's threads. */
    static nn2crn.simulate.Evaluation.Engine engine(nn2crn.pipeline.SparkSimulation spark) {
        return spark != null ? spark : nn2crn.simulate.Evaluation.LOCAL;
    }

    /** The Spark settings, each checked to be one. */
    Map<String, String> conf() {
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new ParameterException(spec.commandLine(), "--master: '" + master + "' is not a Spark master URL "
                    + "(local, local[N], local[*], spark://HOST:PORT, yarn or k8s://...)");
        }
        sparkConf.keySet().stream().filter(k -> !k.startsWith("spark.")).findFirst().ifPresent(k -> {
            throw new ParameterException(spec.commandLine(), "--spark-conf: '" + k + "' is not a Spark setting (spark.*)");
        });
        return sparkConf;
    }
}
