package nn2crn.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Spark cluster for the tests: a master and one worker (2 cores) started from the
 * Spark jars on 127.0.0.1, once per test JVM (shared by the test classes that need one), stopped
 * when the JVM ends.
 */
final class StandaloneCluster {

    private static final List<Process> cluster = new ArrayList<>();
    private static String url;
    private static Path dir;

    private StandaloneCluster() {
    }

    /** The master's URL, starting the cluster on first use. */
    static String url() throws Exception {
        return start();
    }

    /** Where the worker runs its executors (one app-* folder per job). */
    static Path workDir() {
        return dir.resolve("worker");
    }

    private static void stop() {
        for (Process p : cluster) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder: the system's cleaning takes what is left
            }
        }
    }

    /** The test's class path as plain entries (surefire may hide it behind a manifest-only jar). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Starts a standalone master and one worker (2 cores) on 127.0.0.1, once; returns the master's URL. */
    private static synchronized String start() throws Exception {
        if (url != null) {
            return url;
        }
        dir = Files.createTempDirectory("nn2crn-spark-cluster");
        Runtime.getRuntime().addShutdownHook(new Thread(StandaloneCluster::stop));
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars")); // the worker adds SPARK_HOME/jars/* to executors
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        cluster.add(start(sparkHome, "master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        waitForPort(port);
        cluster.add(start(sparkHome, "worker.log", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                "--cores", "2", "--memory", "3g", "--webui-port", Integer.toString(freePort()),
                "--work-dir", Files.createDirectories(dir.resolve("worker")).toString()));
        url = master;
        return url;
    }

    private static Process start(Path sparkHome, String logName, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkSweep.JAVA_OPTIONS);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not open port " + port + ": see " + dir.resolve("master.log")
);
    }
}
