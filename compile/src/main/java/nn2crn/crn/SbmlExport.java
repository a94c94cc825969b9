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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SBML Level 3 Version 1 via JSBML, for COPASI, Tellurium, libSBML-based tools: one compartment
 * of 1 litre, every species with its initial concentration and a readable name, every reaction
 * irreversible with the mass-action law {@code compartment * k * A * B^2} (amount per time, as
 * SBML wants, so the kinetics do not change if the compartment is resized), a local rate
 * constant {@code k}. Units are always declared: concentrations in the {@link ConcentrationUnit}
 * (default {@link ConcentrationUnit#DEFAULT}), time in seconds, rate constants in matching units.
 * SBO terms mark the rate laws, rate constants and participant roles; the model's notes say how
 * to set an example's inputs and read the answer; input and output species carry annotations.
 */
public final class SbmlExport {

    /** Namespace of our annotations on input and output species. */
    public static final String ANNOTATION_NS = "https://nn2crn.org/sbml/1";
    private static final String COMPARTMENT = "solution";
    private static final int SBO_MASS_ACTION_RATE_LAW = 12;
    private static final int SBO_KINETIC_CONSTANT = 9;
    private static final int SBO_REACTANT = 10;
    private static final int SBO_PRODUCT = 11;
    private static final int SBO_MATERIAL_ENTITY = 240;
    private static final int SBO_PHYSICAL_COMPARTMENT = 290;
    /** More features than this are listed in the annotations only, not in the notes. */
    private static final int NOTES_INPUT_LIMIT = 40;
    private static final Pattern COMPILED_NAME = Pattern.compile("([zmhy])(\\d+)(?:_(\\d+))?(?:_(pos|neg))?");

    private SbmlExport() {
    }

    public static SBMLDocument toSbml(Crn crn, ConcentrationUnit chosenUnit) {
        ConcentrationUnit unit = chosenUnit == null ? ConcentrationUnit.DEFAULT : chosenUnit;
        SBMLDocument doc = new SBMLDocument(3, 1);
        Model model = doc.createModel(sbmlId(crn.name()));
        model.setName(crn.name());
        Compartment compartment = model.createCompartment(COMPARTMENT);
        compartment.setName("reaction volume");
        compartment.setSize(1);
        compartment.setConstant(true);
        compartment.setSpatialDimensions(3);
        compartment.setSBOTerm(SBO_PHYSICAL_COMPARTMENT);
        UnitDefinition substance = model.createUnitDefinition("substance_unit");
        substance.addUnit(unit(Unit.Kind.MOLE, 1, unit.unit().scale));
        model.setSubstanceUnits(substance.getId());
        model.setExtentUnits(substance.getId());
        model.setTimeUnits(Unit.Kind.SECOND.getName().toLowerCase(Locale.ROOT));
        model.setVolumeUnits(Unit.Kind.LITRE.getName().toLowerCase(Locale.ROOT));
        compartment.setUnits(Unit.Kind.LITRE.getName().toLowerCase(Locale.ROOT));

        Map<String, List<String>> annotations = annotations(crn);
        Map<String, String> names = names(crn);
        for (Species s : crn.species()) {
            org.sbml.jsbml.Species sp = model.createSpecies(s.name(), compartment);
            sp.setName(names.get(s.name()));
            sp.setInitialConcentration(unit.concentration(s.initial()));
            sp.setHasOnlySubstanceUnits(false);
            sp.setBoundaryCondition(false);
            sp.setConstant(false);
            sp.setSubstanceUnits(model.getSubstanceUnits());
            sp.setSBOTerm(SBO_MATERIAL_ENTITY);
            List<String> notes = annotations.get(s.name());
            if (notes != null) {
                try {
                    sp.getAnnotation().appendNonRDFAnnotation("<nn2crn:species xmlns:nn2crn=\"" + ANNOTATION_NS + "\">"
                            + String.join("", notes) + "</nn2crn:species>");
                } catch (XMLStreamException e) {
                    throw new IllegalStateException("bad annotation for " + s.name(), e);
                }
            }
        }
        Map<Integer, String> rateUnits = new LinkedHashMap<>();
        int number = 0;
        for (Reaction r : crn.reactions()) {
            org.sbml.jsbml.Reaction reaction = model.createReaction("r" + (++number));
            reaction.setReversible(false);
            reaction.setFast(false);
            reaction.setCompartment(COMPARTMENT);
            for (Term t : r.reactants()) {
                SpeciesReference ref = reaction.createReactant(model.getSpecies(t.species()));
                ref.setStoichiometry(t.count());
                ref.setConstant(true);
                ref.setSBOTerm(SBO_REACTANT);
            }
            for (Term t : r.products()) {
                SpeciesReference ref = reaction.createProduct(model.getSpecies(t.species()));
                ref.setStoichiometry(t.count());
                ref.setConstant(true);
                ref.setSBOTerm(SBO_PRODUCT);
            }
            KineticLaw law = reaction.createKineticLaw();
            law.setSBOTerm(SBO_MASS_ACTION_RATE_LAW);
            LocalParameter k = law.createLocalParameter("k");
            int order = r.order();
            k.setValue(unit.rate(r.rate(), order));
            k.setUnits(rateUnits.computeIfAbsent(order, o -> rateUnit(model, unit, o)));
            k.setSBOTerm(SBO_KINETIC_CONSTANT);
            // amount per time: the compartment's volume times the rate in concentration per time
            List<ASTNode> factors = new ArrayList<>();
            factors.add(new ASTNode(compartment));
            factors.add(new ASTNode(k));
            for (Term t : r.reactants()) {
                ASTNode species = new ASTNode(model.getSpecies(t.species()));
                factors.add(t.count() == 1 ? species : ASTNode.pow(species, t.count()));
            }
            law.setMath(ASTNode.times(factors.toArray(new ASTNode[0])));
        }
        try {
            model.setNotes(notes(crn, unit));
        } catch (XMLStreamException e) {
            throw new IllegalStateException("bad model notes", e);
        }
        return doc;
    }

    /**
     * Readable names: the feature and class names for the input and output rails, the network
     * position for the compilers' other species ({@code z} pre-activation, {@code m} ReLU helper,
     * {@code h} hidden unit), the role otherwise.
     */
    static Map<String, String> names(Crn crn) {
        Map<String, String> names = new LinkedHashMap<>();
        if (crn.implementation() != null) {
            crn.implementation().formalSpecies().forEach((formal, carriers) -> {
                for (int k = 0; k < carriers.size(); k++) {
                    names.put(carriers.get(k), "signal " + (k + 1) + " of " + carriers.size() + " carrying formal species "
                            + formal);
                }
            });
        }
        for (CrnOutput out : crn.outputs()) {
            if (crn.implementation() == null) {
                names.put(out.positive(), "output " + out.name() + (out.negative() == null ? "" : " (+ rail)"));
                if (out.negative() != null) {
                    names.put(out.negative(), "output " + out.name() + " (- rail)");
                }
            }
        }
        for (CrnInput in : crn.inputs()) {
            // before reduction a rail's one target is the input species itself
            if (in.positive().size() == 1 && isInputSpecies(crn, in.positive().get(0).species())) {
                names.putIfAbsent(in.positive().get(0).species(), "input " + in.name() + (in.dualRail() ? " (+ rail)" : ""));
            }
            if (in.negative().size() == 1 && isInputSpecies(crn, in.negative().get(0).species())) {
                names.putIfAbsent(in.negative().get(0).species(), "input " + in.name() + " (- rail)");
            }
        }
        for (Species s : crn.species()) {
            names.computeIfAbsent(s.name(), n -> describe(s));
        }
        return names;
    }

    private static boolean isInputSpecies(Crn crn, String name) {
        return crn.implementation() == null && crn.species(name).role() == SpeciesRole.INPUT;
    }

    private static String describe(Species s) {
        Matcher m = COMPILED_NAME.matcher(s.name());
        String rail = "";
        String what = s.role().jsonName();
        if (m.matches() && m.group(3) != null && s.layer() >= 0) {
            what = switch (m.group(1)) {
                case "z" -> "pre-activation of layer " + m.group(2) + " unit " + m.group(3);
                case "m" -> "ReLU helper of layer " + m.group(2) + " unit " + m.group(3);
                case "h" -> "layer " + m.group(2) + " unit " + m.group(3);
                default -> what;
            };
            rail = m.group(4) == null ? "" : m.group(4).equals("pos") ? " (+ rail)" : " (- rail)";
        } else if (s.layer() >= 0) {
            what += " of layer " + s.layer();
        }
        if (s.role() == SpeciesRole.BIAS) {
            what += ", carries the bias";
        }
        return what + rail;
    }

    /**
     * Per species the {@code <nn2crn:input>} and {@code <nn2crn:output>} elements of its annotation
     * (in an implementing CRN, on the carriers of the formal species named; an input on the first).
     */
    private static Map<String, List<String>> annotations(Crn crn) {
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (CrnInput in : crn.inputs()) {
            for (String rail : List.of("positive", "negative")) {
                for (Term t : rail.equals("positive") ? in.positive() : in.negative()) {
                    notes.computeIfAbsent(crn.carriers(t.species()).get(0), k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                            "<nn2crn:input feature=\"%d\" name=\"%s\" rail=\"%s\" multiplicity=\"%d\" shift=\"%s\"/>",
                            in.feature(), xml(in.name()), rail, t.count(), CrnText.number(in.shift())));
                }
            }
        }
        for (CrnOutput out : crn.outputs()) {
            for (String carrier : crn.carriers(out.positive())) {
                notes.computeIfAbsent(carrier, k -> new ArrayList<>()).add("<nn2crn:output name=\""
                        + xml(out.name()) + "\" rail=\"positive\"/>");
            }
            if (out.negative() != null) {
                for (String carrier : crn.carriers(out.negative())) {
                    notes.computeIfAbsent(carrier, k -> new ArrayList<>()).add("<nn2crn:output name=\""
                            + xml(out.name()) + "\" rail=\"negative\"/>");
                }
            }
        }
        return notes;
    }

    /** The model's notes: how to set an example's inputs and how to read the answer. */
    private static String notes(Crn crn, ConcentrationUnit unit) {
        StringBuilder html = new StringBuilder("<notes><body xmlns=\"http://www.w3.org/1999/xhtml\">");
        html.append("<p>Chemical reaction network ").append(xml(crn.name())).append(" compiled by nn2crn")
                .append(crn.info().containsKey("scheme") ? " (" + xml(String.valueOf(crn.info().get("scheme"))) + " scheme)" : "")
                .append(". Concentrations in ").append(unit.unit()).append(": 1 network unit = ").append(xml(unit.toString()))
                .append("; time in seconds; mass-action kinetics.</p>");
        if (!crn.inputs().isEmpty()) {
            html.append("<p>Inputs: for an example with (preprocessed) features x, let v = x_i - shift_i. Add ")
                    .append("multiplicity * v (times ").append(xml(unit.toString())).append(") to the initial concentration ")
                    .append("of each species on the feature's positive rail if v &gt;= 0, else multiplicity * (-v) to ")
                    .append("each species on its negative rail. The species carry &lt;nn2crn:input&gt; annotations; ")
                    .append("manifest.json has the same map and the preprocessing of raw measurements.</p>");
            if (crn.inputs().size() <= NOTES_INPUT_LIMIT) {
                html.append("<ul>");
                for (CrnInput in : crn.inputs()) {
                    html.append("<li>").append(xml(in.name())).append(" (shift ").append(CrnText.number(in.shift()))
                            .append("): + rail ").append(xml(terms(in.positive())));
                    if (in.dualRail()) {
                        html.append("; - rail ").append(xml(terms(in.negative())));
                    }
                    html.append("</li>");
                }
                html.append("</ul>");
            }
        }
        if (!crn.outputs().isEmpty()) {
            html.append("<p>Outputs: ");
            List<String> outs = new ArrayList<>();
            for (CrnOutput out : crn.outputs()) {
                outs.add(xml(out.name()) + " = [" + out.positive() + "]" + (out.negative() == null ? "" : " - [" + out.negative() + "]"));
            }
            html.append(String.join(", ", outs)).append(". The predicted class is the output with the largest value ")
                    .append("once the reactions have run to completion. ");
            CrnStructure structure = CrnStructure.of(crn);
            html.append(structure.rateIndependent()
                    ? "This CRN is non-competitive and feed-forward, so its final state does not depend on the rate "
                    + "constants; a read-out before completion does, and the argmax is robust only up to the margin "
                    + "between the two largest outputs."
                    : "The final state of this CRN may depend on the rate constants.").append("</p>");
        }
        return html.append("</body></notes>").toString();
    }

    private static String terms(List<Term> terms) {
        if (terms.isEmpty()) {
            return "no species (its weights are all 0)";
        }
        return String.join(" + ", terms.stream().map(t -> (t.count() == 1 ? "" : t.count() + " ") + t.species()).toList());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
        return consistencyProblems(doc, false);
    }

    /**
     * Errors and warnings of JSBML's offline consistency check (every category, units included),
     * as messages.
     */
    public static List<String> consistencyProblems(SBMLDocument doc, boolean withWarnings) {
        doc.checkConsistencyOffline();
        List<String> problems = new ArrayList<>();
        for (SBMLError e : doc.getErrorLog().getValidationErrors()) {
            if (e.isError() || e.isFatal() || (withWarnings && e.isWarning())) {
                problems.add(e.getCode() + " (" + e.getSeverity() + "): " + e.getMessage());
            }
        }
        return problems;
    }
}
