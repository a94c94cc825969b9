package nn2crn.cli;

import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.worker.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code nn2crn cluster master|worker}: a Spark standalone cluster for {@code nn2crn sweep --master},
 * from the jars of this build (no Spark install). The launcher points SPARK_HOME at
 * {@code cli/target}, whose {@code jars/} folder the worker puts on its executors' class path.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Start a Spark standalone master or worker from this build, for 'nn2crn sweep --master spark://...'.",
                "Every machine needs the same checkout, built, and the sweep's --out and data folders at the same paths."},
        subcommands = {ClusterCommand.MasterCommand.class, ClusterCommand.WorkerCommand.class})
final class ClusterCommand {

    @Command(name = "master", mixinStandardHelpOptions = true,
            description = "Run a Spark standalone master (until stopped); workers and sweeps connect to spark://HOST:PORT.")
    static final class MasterCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; give this machine's address for other machines).")
        String host;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "7077", description = "Port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--webui-port", paramLabel = "PORT", defaultValue = "8080",
                description = "Port of the master's web page (default: ${DEFAULT-VALUE}).")
        int webUiPort;

        @Override
        public Integer call() {
            Master.main(new String[]{"--host", host, "--port", Integer.toString(port), "--webui-port",
                    Integer.toString(webUiPort)});
            return 0;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = "Run a Spark standalone worker (until stopped) that offers this machine's cores to a master.")
    static final class WorkerCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "MASTER", description = "The master's URL, spark://HOST:PORT.")
        String master;

        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; give this machine's address on a real cluster).")
        String host;

        @Option(names = "--cores", paramLabel = "N", description = "Cores to offer (default: all).")
        Integer cores;

        @Option(names = "--memory", paramLabel = "SIZE", description = "Memory to offer, e.g. 8g (default: Spark's, all but 1 GiB).")
        String memory;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Folder of the executors' logs (default: SPARK_HOME/work).")
        Path workDir;

        @Override
        public Integer call() {
            if (!master.startsWith("spark://")) {
                throw new ParameterException(spec.commandLine(), "MASTER must be a spark://HOST:PORT URL, is '" + master + "'");
            }
            if (cores != null && cores < 1) {
                throw new ParameterException(spec.commandLine(), "--cores must be at least 1, is " + cores);
            }
            checkSparkHome(spec);
            List<String> args = new ArrayList<>(List.of(master, "--host", host, "--webui-port", "0"));
            if (cores != null) {
                args.addAll(List.of("--cores", cores.toString()));
            }
            if (memory != null) {
                args.addAll(List.of("--memory", memory));
            }
            if (workDir != null) {
                args.addAll(List.of("--work-dir", workDir.toString()));
            }
            Worker.main(args.toArray(String[]::new));
            return 0;
        }
    }

    /** The worker's executors find our classes only in SPARK_HOME/jars, which the launcher sets to cli/target. */
    private static void checkSparkHome(CommandSpec spec) {
        String home = System.getenv("SPARK_HOME");
        boolean ours;
        try (Stream<Path> jars = home == null ? Stream.empty() : Files.list(Path.of(home, "jars"))) {
            ours = jars.anyMatch(p -> p.getFileName().toString().startsWith("nn2crn-pipeline-"));
        } catch (IOException e) {
            ours = false;
        }
        if (!ours) {
            throw new ParameterException(spec.commandLine(), "SPARK_HOME (" + home + ") is not a built nn2crn cli/target "
                    + "folder: start workers with ./nn2crn cluster worker, which sets it");
        }
    }
}
