package nn2crn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnManifest;
import nn2crn.crn.CrnStructure;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import nn2crn.pipeline.SweepConfig;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import nn2crn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nn2crn check FILE...}: validate files before a long job, one line each, in one JVM. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate CRNs, compile folders, networks, configs and sweeps without running anything.",
        description = {"Validate .crn files, compile folders, network.json files, configs and sweep files without running anything.",
                "Prints one line per file: 'PATH: ok: ...' (for a CRN: whether its final state is rate-independent",
                "and whether the soloveichik2010 DNA scheme can translate it, with its design check),",
                "or the error, naming the file, line and column. Exit code 1 if any file has an error."})
final class CheckCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "A .crn file, a compile folder (network.crn + manifest.json), a network.json or a YAML config.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (Path path : paths) {
            String line;
            try {
                line = path + ": ok: " + check(path);
            } catch (RuntimeException e) {
                failed++;
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                message = message.lines().findFirst().orElse(message);
                if (!UserErrors.isUserError(e)) {
                    message = "internal error (" + e.getClass().getSimpleName() + ": " + message + ")";
                }
                line = message.startsWith(path.toString()) ? message : path + ": " + message;
            }
            out.println(line);
        }
        if (paths.size() > 1) {
            out.printf(Locale.ROOT, "%d files: %d ok, %d with errors%n", paths.size(), paths.size() - failed, failed);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** What the file is, if it is valid; a user error naming the problem otherwise. */
    static String check(Path path) {
        if (Files.isDirectory(path)) {
            if (!Files.exists(path.resolve(CrnFiles.CRN_FILE))) {
                throw new nn2crn.crn.CrnException(path + ": not a compile folder (no " + CrnFiles.CRN_FILE + ")");
            }
            return crn(CrnFiles.read(path));
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".crn")) {
            return crn(CrnFiles.read(path));
        }
        if ((name.endsWith(".yaml") || name.endsWith(".yml")) && SweepConfig.isSweep(path)) {
            SweepConfig sweep = SweepConfig.load(path);
            return "sweep " + sweep.name() + " (" + sweep.points().size() + " points x " + sweep.seeds().size()
                    + " seeds, base " + sweep.base().getFileName() + ")";
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            TrainConfig config = ConfigLoader.load(path);
            String data = "";
            if (config.dataset().name().equals(nn2crn.datasets.CsvSpec.NAME)) {
                // a user's file is opened: its delimiter, label, feature columns and every cell checked
                nn2crn.datasets.Dataset dataset = config.loadDataset(null);
                ConfigLoader.checkAgainstData(config, dataset, path.toString());
                data = "; " + config.dataset().path() + ": " + dataset.split("all").size() + " rows, features "
                        + String.join(", ", dataset.featureNames())
                        + (dataset.preprocessing().get("columns_left_out") instanceof java.util.Map<?, ?> out
                        ? ", left out " + String.join(", ", out.keySet().stream().map(Object::toString).toList()) : "");
            }
            return "config " + config.name() + " (" + config.dataset().name() + ", hidden " + config.network().hidden()
                    + ", " + config.network().weights() + " weights, " + config.training().epochs() + " epochs)" + data;
        }
        if (name.endsWith(".json")) {
            String format = format(path);
            if (Network.FORMAT.equals(format)) {
                Network network = NetworkJson.read(path);
                return "network " + network.name() + " " + Trainer.architecture(network);
            }
            if (CrnManifest.FORMAT.equals(format)) {
                Path folder = path.toAbsolutePath().getParent();
                return crn(CrnFiles.read(folder)) + " (with " + folder.relativize(path.toAbsolutePath()) + ")";
            }
            throw new nn2crn.crn.CrnException(path + ": format is '" + format + "', expected " + Network.FORMAT + " or "
                    + CrnManifest.FORMAT);
        }
        throw new nn2crn.crn.CrnException(path + ": not a kind of file nn2crn checks (.crn, .json, .yaml or a "
                + "compile folder)");
    }

    private static String crn(Crn crn) {
        return String.format(Locale.ROOT, "CRN %s, %d species, %d reactions; %s; %s", crn.name(), crn.species().size(),
                crn.reactions().size(), CrnStructure.of(crn).describe(), dna(crn));
    }

    /** Whether the default DNA scheme can translate the CRN, and what its design check says. */
    private static String dna(Crn crn) {
        String scheme = nn2crn.dna.DnaTranslation.DEFAULT_SCHEME;
        if (crn.implementation() != null) {
            return "a DNA-level implementation CRN";
        }
        List<String> problems = nn2crn.dna.DnaTranslation.problems(crn, scheme, null);
        if (!problems.isEmpty()) {
            return scheme + " cannot translate it: " + problems.get(0);
        }
        nn2crn.dna.DnaSystem system = nn2crn.dna.DnaTranslation.translate(crn, scheme, nn2crn.dna.DnaOptions.DEFAULT);
        nn2crn.dna.DesignCheck check = system.check();
        return String.format(Locale.ROOT, "%s translates it (longest strand %d nt%s; %s)", scheme,
                system.cost().longestStrandNt(), check.reordered().isEmpty() ? ""
                        : ", " + check.reordered().size() + " reactant order" + (check.reordered().size() == 1 ? "" : "s")
                        + " changed", check.verdict());
    }

    /** The {@code format} field of a JSON file, read leniently (the real reader reports the details). */
    private static String format(Path path) {
        try {
            JsonNode root = JSON.readTree(Files.readString(path));
            return root == null ? "" : root.path("format").asText("");
        } catch (IOException e) {
            // not JSON: let the network reader say exactly why
            NetworkJson.read(path);
            return "";
        }
    }
}
