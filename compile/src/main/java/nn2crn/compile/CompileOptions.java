package nn2crn.compile;

/**
 * Options of {@link CrnCompiler#compile}.
 *
 * @param reduce        rate-independent only: remove unimolecular reactions ({@link Reducer})
 * @param shiftInputs   shift every feature by its lower bound so it is non-negative, folding the
 *                      shift into the first layer's biases, and drop the negative input rails
 * @param inputMin      lower bound of every feature (one value for all, or one per feature); null
 *                      takes the network's {@code input_range}
 * @param eps           smooth-relu only: the smoothing constant for layers the network does not give
 *                      one for (ReLU layers and the output layer); null takes the network's
 * @param maxFanOut     split every reaction with more products than this into a chain ({@link FanOutCap});
 *                      0 for no cap
 * @param readout       rate-independent only: {@link Readout#RAILS} (null means it too) or
 *                      {@link Readout#SUBTRACT} ({@link SubtractReadout}, applied last) or
 *                      {@link Readout#WTA} (the subtract stage, then {@link WtaReadout})
 * @param readoutOffset the subtract (and wta) read-out's offset c (required with them, null otherwise)
 * @param wtaLevel      wta only: the winner's restored signal, network units (null: {@link WtaReadout#DEFAULT_LEVEL})
 */
public record CompileOptions(Scheme scheme, boolean reduce, boolean shiftInputs, double[] inputMin, Double eps,
                             int maxFanOut, Readout readout, ReadoutOffset readoutOffset, Double wtaLevel) {

    public CompileOptions {
        if (maxFanOut != 0 && maxFanOut < FanOutCap.SMALLEST) {
            throw new IllegalArgumentException("the fan-out cap must be at least " + FanOutCap.SMALLEST + " (or 0 for "
                    + "none), is " + maxFanOut);
        }
        readout = readout == null ? Readout.RAILS : readout;
        if (readout != Readout.RAILS) {
            if (scheme != Scheme.RATE_INDEPENDENT) {
                throw new IllegalArgumentException("the " + readout + " read-out needs the rate-independent scheme (its "
                        + "outputs are dual-rail), not " + scheme);
            }
            if (readoutOffset == null) {
                throw new IllegalArgumentException("the " + readout + " read-out needs its offset c (ReadoutOffset.choose"
                        + " or ReadoutOffset.given)");
            }
        } else if (readoutOffset != null) {
            throw new IllegalArgumentException("a read-out offset is given, but the read-out is " + readout
                    + " (the offset belongs to the subtract and wta read-outs)");
        }
        if (wtaLevel != null) {
            if (readout != Readout.WTA) {
                throw new IllegalArgumentException("a winner-take-all level is given, but the read-out is " + readout);
            }
            if (!(wtaLevel > 0) || Double.isInfinite(wtaLevel)) {
                throw new IllegalArgumentException("the winner-take-all level must be a positive number, is " + wtaLevel);
            }
        }
    }

    /** The winner's restored signal of the wta read-out. */
    public double wtaLevelOrDefault() {
        return wtaLevel == null ? WtaReadout.DEFAULT_LEVEL : wtaLevel;
    }

    public CompileOptions(Scheme scheme, boolean reduce, boolean shiftInputs, double[] inputMin, Double eps,
                          int maxFanOut) {
        this(scheme, reduce, shiftInputs, inputMin, eps, maxFanOut, Readout.RAILS, null, null);
    }

    public CompileOptions(Scheme scheme, boolean reduce, boolean shiftInputs, double[] inputMin, Double eps) {
        this(scheme, reduce, shiftInputs, inputMin, eps, 0);
    }

    public static CompileOptions of(Scheme scheme) {
        return new CompileOptions(scheme, false, false, null, null, 0);
    }

    public CompileOptions withReduce(boolean value) {
        return new CompileOptions(scheme, value, shiftInputs, inputMin, eps, maxFanOut, readout, readoutOffset, wtaLevel);
    }

    public CompileOptions withShiftInputs(boolean value) {
        return new CompileOptions(scheme, reduce, value, inputMin, eps, maxFanOut, readout, readoutOffset, wtaLevel);
    }

    public CompileOptions withInputMin(double... value) {
        return new CompileOptions(scheme, reduce, shiftInputs, value, eps, maxFanOut, readout, readoutOffset, wtaLevel);
    }

    public CompileOptions withEps(Double value) {
        return new CompileOptions(scheme, reduce, shiftInputs, inputMin, value, maxFanOut, readout, readoutOffset, wtaLevel);
    }

    public CompileOptions withMaxFanOut(int value) {
        return new CompileOptions(scheme, reduce, shiftInputs, inputMin, eps, value, readout, readoutOffset, wtaLevel);
    }

    /** The subtract read-out with offset c, or (offset null) the plain rails. */
    public CompileOptions withSubtractReadout(ReadoutOffset offset) {
        return new CompileOptions(scheme, reduce, shiftInputs, inputMin, eps, maxFanOut,
                offset == null ? Readout.RAILS : Readout.SUBTRACT, offset, null);
    }

    /**
     * A read-out with its offset c (null for rails) and, for wta, the winner's level (null: the
     * default).
     */
    public CompileOptions withReadout(Readout value, ReadoutOffset offset, Double level) {
        return new CompileOptions(scheme, reduce, shiftInputs, inputMin, eps, maxFanOut, value, offset, level);
    }
}
