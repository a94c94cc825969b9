package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.Reaction;
import nn2crn.crn.Term;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which formal reactions belong to the read-out stage: those whose reactants are all among the
 * formal CRN's {@code readout_species} (recorded by the subtract and winner-take-all stages: the
 * output rails and the annihilation records). Their fuels are at
 * {@link DnaOptions#readoutFuelNm()}: an annihilation fires what its classes cancel, which can be
 * many units.
 */
public final class ReadoutStage {

    private ReadoutStage() {
    }

    public static boolean[] reactions(Crn formal) {
        boolean[] stage = new boolean[formal.reactions().size()];
        if (!(formal.info().get("readout_species") instanceof List<?> names) || names.isEmpty()) {
            return stage;
        }
        Set<String> species = new HashSet<>();
        names.forEach(n -> species.add(String.valueOf(n)));
        for (int r = 0; r < stage.length; r++) {
            Reaction reaction = formal.reactions().get(r);
            stage[r] = !reaction.reactants().isEmpty()
                    && reaction.reactants().stream().map(Term::species).allMatch(species::contains);
        }
        return stage;
    }
}
