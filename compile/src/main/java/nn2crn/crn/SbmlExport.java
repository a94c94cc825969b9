package nn2crn.crn;

import nn2crn.io.AtomicFiles;
import org.sbml.jsbml.ASTNode;
import org.sbml.jsbml.Compartment;
import org.sbml.jsbml.KineticLaw;
import org.sbml.jsbml.LocalParameter;
import org.sbml.jsbml.Model;
import org.sbml.jsbml.SBMLDocument;
import org.sbml.jsbml.SBMLError;
import org.sbml.jsbml.SBMLException;
import org.sbml.jsbml.SBMLReader;
import org.sbml.jsbml.SBMLWriter;
import org.sbml.jsbml.SpeciesReference;
import org.sbml.jsbml.Unit;
import org.sbml.jsbml.UnitDefinition;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SBML Level 3 Version 1 via JSBML: one compartment of volume 1, every species with its initial
 * concentration, every reaction irreversible with a mass-action kinetic law {@code k * A * B^2}
 * whose rate constant is a local parameter. With a {@link ConcentrationUnit} the model carries
 * units (concentrations in that unit, time in seconds) and values scaled to it.
 */
public final class SbmlExport {

    private static final String COMPARTMENT = "solution";

    private SbmlExport() {
    }

    public static SBMLDocument toSbml(Crn crn, ConcentrationUnit unit) {
        SBMLDocument doc = new SBMLDocument(3, 1);
        Model model = doc.createModel(sbmlId(crn.name()));
        model.setName(crn.name());
        Compartment compartment = model.createCompartment(COMPARTMENT);
        compartment.setSize(1);
        compartment.setConstant(true);
        compartment.setSpatialDimensions(3);
        Map<Integer, String> rateUnits = new LinkedHashMap<>();
        if (unit != null) {
            UnitDefinition substance = model.createUnitDefinition("substance_unit");
            substance.addUnit(unit(Unit.Kind.MOLE, 1, unit.unit().scale));
            model.setSubstanceUnits(substance.getId());
            model.setExtentUnits(substance.getId());
            model.setTimeUnits(Unit.Kind.SECOND.getName().toLowerCase());
            model.setVolumeUnits(Unit.Kind.LITRE.getName().toLowerCase());
            compartment.setUnits(Unit.Kind.LITRE.getName().toLowerCase());
        }
        for (Species s : crn.species()) {
            org.sbml.jsbml.Species sp = model.createSpecies(s.name(), compartment);
            sp.setInitialConcentration(unit == null ? s.initial() : unit.concentration(s.initial()));
            sp.setHasOnlySubstanceUnits(false);
            sp.setBoundaryCondition(false);
            sp.setConstant(false);
            if (unit != null) {
                sp.setSubstanceUnits(model.getSubstanceUnits());
            }
        }
        int number = 0;
        for (Reaction r : crn.reactions()) {
            org.sbml.jsbml.Reaction reaction = model.createReaction("r" + (++number));
            reaction.setReversible(false);
            reaction.setFast(false);
            for (Term t : r.reactants()) {
                SpeciesReference ref = reaction.createReactant(model.getSpecies(t.species()));
                ref.setStoichiometry(t.count());
                ref.setConstant(true);
            }
            for (Term t : r.products()) {
                SpeciesReference ref = reaction.createProduct(model.getSpecies(t.species()));
                ref.setStoichiometry(t.count());
                ref.setConstant(true);
            }
            KineticLaw law = reaction.createKineticLaw();
            LocalParameter k = law.createLocalParameter("k");
            int order = r.order();
            k.setValue(unit == null ? r.rate() : unit.rate(r.rate(), order));
            if (unit != null) {
                k.setUnits(rateUnits.computeIfAbsent(order, o -> rateUnit(model, unit, o)));
            }
            List<ASTNode> factors = new ArrayList<>();
            factors.add(new ASTNode(k));
            for (Term t : r.reactants()) {
                ASTNode species = new ASTNode(model.getSpecies(t.species()));
                factors.add(t.count() == 1 ? species : ASTNode.pow(species, t.count()));
            }
            law.setMath(factors.size() == 1 ? factors.get(0) : ASTNode.times(factors.toArray(new ASTNode[0])));
        }
        return doc;
    }

    /** concentration^(1 - order) / second */
    private static String rateUnit(Model model, ConcentrationUnit unit, int order) {
        String id = switch (order) {
            case 0 -> "concentration_per_second";
            case 1 -> "per_second";
            default -> "per_concentration" + (order == 2 ? "" : "_" + (order - 1)) + "_per_second";
        };
        UnitDefinition def = model.createUnitDefinition(id);
        int power = 1 - order;
        if (power != 0) {
            def.addUnit(unit(Unit.Kind.MOLE, power, unit.unit().scale));
            def.addUnit(unit(Unit.Kind.LITRE, -power, 0));
        }
        def.addUnit(unit(Unit.Kind.SECOND, -1, 0));
        return id;
    }

    private static Unit unit(Unit.Kind kind, double exponent, int scale) {
        Unit u = new Unit(kind, 3, 1);
        u.setExponent(exponent);
        u.setScale(scale);
        u.setMultiplier(1);
        return u;
    }

    /** SBML ids are letters, digits and underscores, not starting with a digit. */
    private static String sbmlId(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "crn_" + id : id;
    }

    public static void write(Crn crn, ConcentrationUnit unit, Path file) {
        SBMLDocument doc = toSbml(crn, unit);
        AtomicFiles.write(file, out -> {
            try {
                new SBMLWriter().write(doc, out);
            } catch (XMLStreamException | SBMLException e) {
                throw new IOException("cannot write SBML: " + e.getMessage(), e);
            }
        });
    }

    public static SBMLDocument read(Path file) {
        try {
            return new SBMLReader().readSBML(file.toFile());
        } catch (XMLStreamException | IOException e) {
            throw new CrnException(file + ": not readable SBML (" + e.getMessage() + ")");
        }
    }

    /** Errors (and fatal errors) of JSBML's offline consistency check, as messages. */
    public static List<String> consistencyErrors(SBMLDocument doc) {
        doc.checkConsistencyOffline();
        List<String> errors = new ArrayList<>();
        for (SBMLError e : doc.getErrorLog().getValidationErrors()) {
            if (e.isError() || e.isFatal()) {
                errors.add(e.getCode() + ": " + e.getMessage());
            }
        }
        return errors;
    }
}
