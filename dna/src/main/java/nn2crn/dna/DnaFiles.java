package nn2crn.dna;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nn2crn.crn.ConcentrationUnit;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnManifest;
import nn2crn.crn.CrnText;
import nn2crn.crn.SbmlExport;
import nn2crn.io.AtomicFiles;

import java.util.List;
import java.util.Map;

/**
 * The output folder of {@code nn2crn dna}: the implementation CRN as a compile folder
 * ({@code network.crn}, {@code network.sbml}, {@code manifest.json} with a {@code dna} block: the
 * options, the rate model and the {@code cost}), so that {@code nn2crn simulate} runs it, plus the
 * domain-level system as {@code system.pil} (Nuskell, Peppercorn), {@code system.dna} (Visual DSD)
 * and {@code strands.csv}. Written together or not at all.
 */
public final class DnaFiles {

    public static final String PIL_FILE = "system.pil";
    public static final String DSD_FILE = "system.dna";
    public static final String STRANDS_FILE = "strands.csv";
    public static final String ALIQUOTS_FILE = "aliquots.csv";
    /** Visual DSD's simulation horizon in the written program: a day, in seconds. */
    private static final double DSD_FINAL_SECONDS = 86_400;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DnaFiles() {
    }

    /**
     * @param preprocessing the formal CRN's preprocessing record (from its manifest), or null
     */
    public static void write(DnaSystem system, List<String> headerLines, Map<String, Object> preprocessing,
                             java.nio.file.Path dir) {
        write(system, headerLines, preprocessing, null, dir);
    }

    /**
     * @param uncappedCost the cost of the formal CRN before its fan-out was capped for strand length
     *                     (recorded as {@code dna.cost_before_max_strand_nt}), or null
     */
    public static void write(DnaSystem system, List<String> headerLines, Map<String, Object> preprocessing,
                             DnaCost uncappedCost, java.nio.file.Path dir) {
        write(system, headerLines, preprocessing, uncappedCost, null, dir);
    }

    /**
     * @param aliquots which reporters go in which well ({@code aliquots.csv}, and {@code dna.aliquots} in the
     *                 manifest), or null for a design without reporters
     */
    public static void write(DnaSystem system, List<String> headerLines, Map<String, Object> preprocessing,
                             DnaCost uncappedCost, nn2crn.dna.readout.AliquotPlan aliquots, java.nio.file.Path dir) {
        write(system, headerLines, preprocessing, uncappedCost, aliquots, Sbml.AUTO, dir);
    }

    /** Whether the design's SBML file is written. */
    public enum Sbml {
        /** up to {@link #AUTO_MAX_SPECIES} species of the implementation CRN */
        AUTO,
        YES,
        NO;

        /**
         * Above this many species the SBML file is left out unless asked for: the MNIST winner-take-all
         * design (120,000 species) made a 202 MB file, most of a 19 s command, and SBML tools do not
         * simulate such a model anyway; nn2crn's own files (network.crn, PIL, Visual DSD) are all there.
         */
        public static final int AUTO_MAX_SPECIES = 50_000;

        public boolean writes(int species) {
            return this == YES || this == AUTO && species <= AUTO_MAX_SPECIES;
        }
    }

    /**
     * @param sbml whether {@code network.sbml} is written (the manifest says why not, when it is not)
     * @return whether it was
     */
    public static boolean write(DnaSystem system, List<String> headerLines, Map<String, Object> preprocessing,
                                DnaCost uncappedCost, nn2crn.dna.readout.AliquotPlan aliquots, Sbml sbml,
                                java.nio.file.Path dir) {
        Crn crn = system.toCrn();
        boolean writeSbml = sbml.writes(crn.species().size());
        ConcentrationUnit nanomolar = new ConcentrationUnit(ConcentrationUnit.Molar.nM, 1);
        ObjectNode manifest = CrnManifest.toJson(crn, nanomolar, preprocessing);
        Map<String, Object> dna = new java.util.LinkedHashMap<>(describe(system));
        if (uncappedCost != null) {
            dna.put("cost_before_max_strand_nt", uncappedCost.describe());
        }
        if (aliquots != null) {
            dna.put("aliquots", aliquots.describe());
        }
        if (!writeSbml) {
            dna.put("sbml", sbml == Sbml.NO ? "not written (--sbml no)" : String.format(java.util.Locale.ROOT,
                    "not written: %d species, above %d (--sbml yes writes it)", crn.species().size(),
                    Sbml.AUTO_MAX_SPECIES));
        }
        manifest.set("dna", MAPPER.valueToTree(dna));
        AtomicFiles.writeFolder(dir, temp -> {
            CrnText.write(crn, headerLines, temp.resolve(CrnFiles.CRN_FILE));
            CrnManifest.recordChecksum(manifest, temp.resolve(CrnFiles.CRN_FILE));
            if (writeSbml) {
                SbmlExport.write(crn, nanomolar, temp.resolve(CrnFiles.SBML_FILE));
            }
            AtomicFiles.writeString(temp.resolve(CrnFiles.MANIFEST_FILE), MAPPER.writeValueAsString(manifest) + "\n");
            AtomicFiles.writeString(temp.resolve(PIL_FILE), Pil.format(system, headerLines));
            AtomicFiles.writeString(temp.resolve(DSD_FILE), VisualDsd.format(system, headerLines, DSD_FINAL_SECONDS));
            StrandTable.write(system, preprocessing, temp.resolve(STRANDS_FILE));
            if (aliquots != null) {
                AtomicFiles.writeString(temp.resolve(ALIQUOTS_FILE), aliquots.csv());
            }
        });
        // an earlier design's files that this one does not have must not stay beside it
        try {
            if (!writeSbml) {
                java.nio.file.Files.deleteIfExists(dir.resolve(CrnFiles.SBML_FILE));
            }
            if (aliquots == null) {
                java.nio.file.Files.deleteIfExists(dir.resolve(ALIQUOTS_FILE));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove an earlier design's file in " + dir + ": "
                    + e.getMessage(), e);
        }
        return writeSbml;
    }

    /** The manifest's {@code dna} block. */
    public static Map<String, Object> describe(DnaSystem system) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("scheme", system.scheme());
        DnaOptions o = system.options();
        m.put("unit_nM", o.unitNm());
        m.put("fuel_nM", o.fuelNm());
        m.put("readout_fuel_nM", o.readoutFuelNm());
        m.put("toehold_nt", o.toeholdNt());
        m.put("domain_nt", o.domainNt());
        m.put("leak_rate_per_nM_s", o.leakRate());
        m.put("gate_leak", o.gateLeak());
        RateModel rates = o.rates();
        Map<String, Object> model = new java.util.LinkedHashMap<>();
        model.put("source", "Peppercorn's rate model (Badelt et al. 2020), condensed for this scheme's steps");
        model.put("toehold_binding_per_M_s", rates.bindPerMolarSecond());
        model.put("toehold_opening_per_s", rates.toeholdOpening());
        model.put("branch_migration_per_s", rates.branchMigration());
        model.put("displacement_per_nM_s", rates.displacement());
        model.put("exchange_per_nM_s", rates.exchange());
        m.put("rate_model", model);
        m.put("cost", system.cost().describe());
        m.put("design_check", system.check().describe());
        return m;
    }
}
