package nn2crn.pipeline;

import nn2crn.crn.Crn;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.ExampleResult;
import nn2crn.simulate.MassActionSystem;
import nn2crn.simulate.Simulator;
import nn2crn.simulate.Solution;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Simulation on Spark ({@code nn2crn simulate --master URL}): the examples are split into chunks,
 * each a Spark job of one task that integrates its examples one after the other on an executor core
 * with the same solver as a local run, and hands back their results; {@link Evaluation#run} writes
 * each chunk's rows as it comes, so an interrupted run resumes as a local one does, and the rows,
 * summaries and files equal a local run's (apart from the seconds). The jobs are submitted together,
 * so the cluster's cores are all busy; with a time course (the DNA read-out) the same. One Spark
 * context serves every simulation of a command (a run's CRNs, rate draws and DNA read-outs): it starts
 * with the first and stops at {@link #close}.
 */
public final class SparkSimulation implements Evaluation.Engine, AutoCloseable {

    /** Chunks per core of the cluster: enough to balance examples of unequal cost, few enough to keep each job's overhead small. */
    static final int CHUNKS_PER_CORE = 4;

    private final String master;
    private final Map<String, String> sparkConf;
    private final PipelineLog log;
    private JavaSparkContext spark;
    /** The jobs of the current simulation not yet collected: a failed or stopped one cancels the rest. */
    private List<JavaFutureAction<List<List<Done>>>> pending = List.of();

    /**
     * @param master    local[*], local[N] or spark://host:port
     * @param sparkConf further Spark settings (see {@link SparkSweep#run})
     */
    public SparkSimulation(String master, Map<String, String> sparkConf, PipelineLog log) {
        this.master = master;
        this.sparkConf = Map.copyOf(sparkConf);
        this.log = log;
    }

    /** One chunk's work: rebuilt on the executor from the CRN, its rate constants and the settings. */
    private record Chunk(Crn crn, double[] rates, List<Evaluation.Example> examples, Evaluation.Settings settings)
            implements Serializable {

        List<Done> run() {
            MassActionSystem system = new MassActionSystem(crn, rates);
            Simulator simulator = new Simulator(crn, system, settings.solver(), 1);
            List<Done> done = new ArrayList<>();
            for (Evaluation.Example example : examples) {
                long t0 = System.nanoTime();
                ExampleResult result = simulator.run(example.id(), example.start(), settings.tMax(),
                        settings.keepTrajectories().contains(example.id()), settings.timeCourse());
                Solution s = result.solution();
                // the final state of every species is not needed by the rows (the outputs are read): not shipped back
                Solution light = new Solution(new double[0], s.time(), s.status(), s.steps(), s.rejectedSteps(),
                        s.rhsEvaluations(), s.jacobianEvaluations());
                done.add(new Done(new ExampleResult(result.example(), result.outputs(), result.argmax(), light,
                        result.argmaxTime(), result.settleTime(), result.trajectory(), result.timeCourse(),
                        result.remainingChange()), (System.nanoTime() - t0) / 1e9));
            }
            return done;
        }
    }

    private record Done(ExampleResult result, double seconds) implements Serializable {
    }

    @Override
    public void simulate(Crn crn, MassActionSystem system, double[] rates, List<Evaluation.Example> examples,
                         Evaluation.Settings settings, Path results, Simulator.Finished finished) {
        if (examples.isEmpty()) {
            return;
        }
        // what the integration needs, without the compiler's notes (which need not be serializable)
        Crn shipped = new Crn(crn.name(), crn.species(), crn.reactions(), crn.inputs(), crn.outputs(), Map.of(),
                crn.implementation());
        Evaluation.Settings perTask = new Evaluation.Settings(settings.tMax(), 1, settings.solver(), settings.rates(),
                settings.keepTrajectories(), settings.timeCourse(), 1);
        try {
            if (spark == null) {
                spark = SparkSweep.context("nn2crn simulate", master, sparkConf);
                awaitExecutors();
            }
            int cores = Math.max(1, spark.defaultParallelism());
            int chunks = Math.min(examples.size(), cores * CHUNKS_PER_CORE);
            List<JavaFutureAction<List<List<Done>>>> jobs = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                List<Evaluation.Example> part = new ArrayList<>(examples.subList(c * examples.size() / chunks,
                        (c + 1) * examples.size() / chunks));
                Chunk chunk = new Chunk(shipped, rates, part, perTask);
                jobs.add(spark.parallelize(List.of(chunk), 1).map(Chunk::run).collectAsync());
            }
            log.say(String.format(java.util.Locale.ROOT, "  simulate on %s: %d examples in %d tasks over %d cores",
                    master, examples.size(), chunks, cores));
            // rows as each chunk finishes, whatever the order: a stopped run keeps every finished chunk
            pending = new ArrayList<>(jobs);
            while (!pending.isEmpty()) {
                boolean any = false;
                for (int j = 0; j < pending.size(); j++) {
                    JavaFutureAction<List<List<Done>>> job = pending.get(j);
                    if (job.isDone()) {
                        for (List<Done> part : job.get()) {
                            part.forEach(d -> finished.accept(d.result(), d.seconds()));
                        }
                        pending.remove(j--);
                        any = true;
                    }
                }
                if (!any) {
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new nn2crn.crn.CrnException("interrupted; finished examples are in " + results + " (--resume continues)");
        } catch (ExecutionException e) {
            cancel();
            Throwable cause = e.getCause();
            throw interrupted(SparkSweep.explain(cause instanceof RuntimeException re ? re : new RuntimeException(cause)),
                    results);
        } catch (RuntimeException e) {
            cancel();
            throw interrupted(SparkSweep.explain(e), results);
        }
    }

    private void cancel() {
        pending.forEach(job -> job.cancel(true));
    }

    /**
     * On a cluster the executors register after the context starts, and until then Spark's default
     * parallelism is 2 whatever the cluster's size: wait (up to 30 s) for the first executor and
     * for the count to stop growing, so the examples are split over every core.
     */
    private void awaitExecutors() throws InterruptedException {
        if (master.startsWith("local")) {
            return;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            // the driver's own block manager is one of them
            int executors = spark.sc().getExecutorMemoryStatus().size() - 1;
            if (executors > 0 && executors == seen) {
                return;
            }
            seen = executors;
            Thread.sleep(1000);
        }
    }

    /** Ctrl-C stops the Spark context: say where the finished rows are, as a local run does. */
    private static RuntimeException interrupted(RuntimeException e, Path results) {
        return e instanceof SparkSweep.Interrupted
                ? new nn2crn.crn.CrnException("interrupted; finished examples are in " + results + " (--resume continues)")
                : e;
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.close();
            spark = null;
        }
    }
}
