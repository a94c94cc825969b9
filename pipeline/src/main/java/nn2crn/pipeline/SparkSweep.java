package nn2crn.pipeline;

import nn2crn.crn.CrnException;
import nn2crn.datasets.DataException;
import nn2crn.network.NetworkFormatException;
import nn2crn.train.ConfigException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sweep tasks as a Spark job: one partition per task, each executor thread training with one
 * OpenMP thread. {@code local[*]} (the default) runs them on all cores of this JVM with no install;
 * a master URL such as {@code spark://host:7077} runs the same job on a cluster whose workers see the
 * same output and data folders. On Java 17, the driver and executors need the {@link #JAVA_OPTIONS}.
 */
public final class SparkSweep {

    /** What Spark needs opened on Java 17, plus JavaCPP's physical-memory check off (as the launcher sets it). */
    public static final List<String> JAVA_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");

    /** The job was stopped before it finished (Ctrl-C: Spark's shutdown hook stops the context). */
    public static final class Interrupted extends RuntimeException {
        Interrupted(Throwable cause) {
            super("interrupted", cause);
        }
    }

    private SparkSweep() {
    }

    /**
     * @param master    a Spark master URL: local[*], local[N] or spark://host:port
     * @param sparkConf further Spark settings, which win over ours (e.g. spark.driver.host for a
     *                  cluster that must reach this machine by another name, spark.executor.memory).
     *                  A cluster's executors must find our classes: workers started by
     *                  {@code nn2crn cluster worker} have them in SPARK_HOME/jars; others need
     *                  spark.executor.extraClassPath or spark.jars.
     */
    public static List<SweepTask.Row> run(List<SweepTask> tasks, String master, Map<String, String> sparkConf,
                                          PipelineLog log) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        try (JavaSparkContext spark = context("nn2crn sweep", master, sparkConf)) {
            AtomicInteger finished = new AtomicInteger();
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    log.say(String.format(Locale.ROOT, "  sweep: %d/%d tasks done", finished.incrementAndGet(),
                            tasks.size()));
                }
            });
            return new ArrayList<>(spark.parallelize(tasks, tasks.size()).map(SweepTask::run).collect());
        } catch (RuntimeException e) {
            throw explain(e);
        }
    }

    /**
     * A Spark context for one of nn2crn's jobs (sweeps, simulations): our settings for Java 17, one
     * OpenMP thread and two malloc arenas per executor, no web UI, a failed task failing the job, and
     * the driver on 127.0.0.1 in local mode; {@code sparkConf} wins over them.
     */
    static JavaSparkContext context(String appName, String master, Map<String, String> sparkConf) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", "1")
                .set("spark.executor.extraJavaOptions", String.join(" ", JAVA_OPTIONS))
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                // as the launcher sets it: executors train on many threads (see nn2crn's MALLOC_ARENA_MAX)
                .set("spark.executorEnv.MALLOC_ARENA_MAX", "2");
        if (master.startsWith("local")) {
            // in one JVM nothing needs to reach the driver from elsewhere
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        sparkConf.forEach(conf::set);
        return new JavaSparkContext(conf);
    }

    /**
     * What the user should read of a failed job: a task's own error (bad data on a worker, say) as
     * it was thrown, rather than Spark's wrapping of it.
     */
    static RuntimeException explain(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException || cause instanceof DataException || cause instanceof CrnException
                    || cause instanceof NetworkFormatException || cause instanceof UncheckedIOException) {
                return (RuntimeException) cause;
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("SparkContext was shut down")) {
            return new Interrupted(e);
        }
        return e;
    }
}
