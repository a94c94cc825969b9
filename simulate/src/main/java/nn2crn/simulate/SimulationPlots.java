package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;
import nn2crn.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PNG plots of a simulation (XChart). */
public final class SimulationPlots {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private SimulationPlots() {
    }

    /**
     * The plots (and trajectory CSVs) of an evaluation: {@code trajectory-<i>.png/.csv} for every
     * kept trajectory, and {@code convergence.png}.
     */
    public static void writeAll(Crn crn, List<Evaluation.Example> examples, Evaluation.Outcome outcome, double tMax,
                                Path dir) {
        List<String> names = crn.outputs().stream().map(CrnOutput::name).toList();
        for (Map.Entry<Integer, ExampleResult.Trajectory> e : outcome.trajectories().entrySet()) {
            int id = e.getKey();
            double[] expected = examples.stream().filter(x -> x.id() == id).findFirst()
                    .map(Evaluation.Example::expected).orElse(null);
            trajectory(crn.name() + ", example " + id, e.getValue(), names, expected, crn.implementation() != null,
                    dir.resolve("trajectory-" + id + ".png"));
            StringBuilder csv = new StringBuilder("time," + String.join(",", names) + "\n");
            double[] times = e.getValue().times();
            for (int k = 0; k < times.length; k++) {
                csv.append(times[k]);
                for (double y : e.getValue().outputs()[k]) {
                    csv.append(',').append(y);
                }
                csv.append('\n');
            }
            AtomicFiles.writeString(dir.resolve("trajectory-" + id + ".csv"), csv.toString());
        }
        if (!outcome.rows().isEmpty()) {
            convergenceHistogram(outcome.rows().stream().mapToDouble(ResultRow::settleTime).toArray(), tMax,
                    dir.resolve("convergence.png"));
        }
    }

    /** Grouped bars: species and reactions of each CRN. */
    public static void sizes(List<String> crns, List<Integer> species, List<Integer> reactions, Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title("CRN size")
                .xAxisTitle("CRN").yAxisTitle("count").build();
        chart.addSeries("species", crns, species);
        chart.addSeries("reactions", crns, reactions);
        save(chart, file);
    }

    /**
     * Output trajectories y_j(t) of one example, with the expected values as dashed lines. A DNA
     * design's time is in seconds: plotted in hours on a log axis, as most of its action is in the
     * first minutes; a compiled CRN's time has no unit (rate constants 1).
     */
    public static void trajectory(String title, ExampleResult.Trajectory trajectory, List<String> names,
                                  double[] expected, boolean seconds, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle(seconds ? "time (hours, log scale)" : "time (CRN time units: rate constants 1)")
                .yAxisTitle("output (network units)").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisLogarithmic(seconds);
        double[] allTimes = trajectory.times();
        int first = 0;
        while (seconds && first < allTimes.length && allTimes[first] <= 0) {
            first++; // a log axis has no 0
        }
        double[] x = new double[allTimes.length - first];
        for (int k = 0; k < x.length; k++) {
            x[k] = seconds ? allTimes[first + k] / 3600 : allTimes[first + k];
        }
        if (x.length == 0) {
            save(chart, file);
            return;
        }
        for (int j = 0; j < names.size(); j++) {
            double[] y = new double[x.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = trajectory.outputs()[first + k][j];
            }
            XYSeries s = chart.addSeries(names.get(j), x, y);
            s.setLineColor(PALETTE[j % PALETTE.length]);
            s.setMarker(SeriesMarkers.NONE);
            if (expected != null) {
                XYSeries e = chart.addSeries(names.get(j) + " (network)", new double[]{x[0], x[x.length - 1]},
                        new double[]{expected[j], expected[j]});
                e.setLineColor(PALETTE[j % PALETTE.length]);
                e.setLineStyle(SeriesLines.DASH_DASH);
                e.setMarker(SeriesMarkers.NONE);
                // one legend entry for all the dashed lines
                e.setShowInLegend(j == 0);
                if (j == 0) {
                    chart.getSeriesMap().remove(e.getName());
                    XYSeries legend = chart.addSeries("dashed: the network's value", new double[]{x[0], x[x.length - 1]},
                            new double[]{expected[0], expected[0]});
                    legend.setLineColor(PALETTE[0]);
                    legend.setLineStyle(SeriesLines.DASH_DASH);
                    legend.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        save(chart, file);
    }

    /**
     * Read-out accuracy (or agreement with the network, when unlabelled) against time, one line
     * per setting (e.g. per concentration of a network unit), time in hours on a log axis.
     */
    /**
     * @param networkAccuracy the network's accuracy on the same examples, drawn as a horizontal line
     *                        (null: none, e.g. when agreement is plotted)
     */
    public static void readoutOverTime(String title, Map<String, List<Readout>> bySetting, boolean agreement,
                                       Double networkAccuracy, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("time (hours)")
                .yAxisTitle(agreement ? "agreement with the network (%)" : "accuracy (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setMarkerSize(4);
        int k = 0;
        for (Map.Entry<String, List<Readout>> e : bySetting.entrySet()) {
            List<Readout> points = e.getValue().stream().filter(r -> r.time() > 0
                    && (agreement ? r.agreement() : r.accuracy()) != null).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(r -> r.time() / 3600).toArray();
            double[] y = points.stream().mapToDouble(r -> 100 * (agreement ? r.agreement() : r.accuracy())).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setLineColor(PALETTE[k % PALETTE.length]);
            s.setMarkerColor(PALETTE[k % PALETTE.length]);
            k++;
        }
        double[] span = bySetting.values().stream().flatMap(List::stream).filter(r -> r.time() > 0)
                .mapToDouble(r -> r.time() / 3600).toArray();
        if (networkAccuracy != null && span.length > 0) {
            double lo = java.util.Arrays.stream(span).min().orElseThrow();
            double hi = java.util.Arrays.stream(span).max().orElseThrow();
            XYSeries line = chart.addSeries(String.format(java.util.Locale.ROOT, "network (%.1f%%)", 100 * networkAccuracy),
                    new double[] {lo, hi}, new double[] {100 * networkAccuracy, 100 * networkAccuracy});
            line.setLineColor(java.awt.Color.GRAY);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        save(chart, file);
    }

    /** Accuracy and agreement with the network against molecules per unit (log axis). */
    public static void moleculeCounts(String title, List<MoleculeCounts.Point> points, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("molecules per network unit")
                .yAxisTitle("% (axis from 0)").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setMarkerSize(6);
        double[] x = points.stream().mapToDouble(MoleculeCounts.Point::moleculesPerUnit).toArray();
        int k = 0;
        for (String which : List.of("agreement with the network", "accuracy")) {
            List<MoleculeCounts.Point> with = points.stream().filter(p -> (which.equals("accuracy") ? p.accuracy()
                    : p.agreement()) != null).toList();
            if (with.isEmpty()) {
                continue;
            }
            double[] xs = with.stream().mapToDouble(MoleculeCounts.Point::moleculesPerUnit).toArray();
            double[] y = with.stream().mapToDouble(p -> 100 * (which.equals("accuracy") ? p.accuracy() : p.agreement()))
                    .toArray();
            XYSeries s = chart.addSeries(which, xs, y);
            s.setLineColor(PALETTE[k]);
            s.setMarkerColor(PALETTE[k++]);
        }
        if (x.length > 0) {
            save(chart, file);
        }
    }

    /** Agreement with the network (%) against the size P of an error (%), one series per kind of error. */
    public static void agreementAgainstError(String title, Map<String, double[][]> curves, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("error P: every value multiplied by a factor in [1 - P, 1 + P] (%)")
                .yAxisTitle("agreement with the network (%, mean over draws; axis from 0)").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setMarkerSize(6);
        int k = 0;
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            double[] x = java.util.Arrays.stream(e.getValue()).mapToDouble(p -> 100 * p[0]).toArray();
            double[] y = java.util.Arrays.stream(e.getValue()).mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setLineColor(PALETTE[k]);
            s.setMarkerColor(PALETTE[k++]);
        }
        save(chart, file);
    }

    /** Every point (median accuracy against cost), and the Pareto front joined by a line. */
    public static void pareto(String title, List<double[]> points, List<double[]> front, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("distinct DNA strands (median over seeds)").yAxisTitle("accuracy (%, median over seeds)").build();
        chart.getStyler().setMarkerSize(7);
        if (!points.isEmpty()) {
            XYSeries all = chart.addSeries("points", points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            all.setMarkerColor(PALETTE[0]);
        }
        if (!front.isEmpty()) {
            XYSeries f = chart.addSeries("Pareto front", front.stream().mapToDouble(p -> p[0]).toArray(),
                    front.stream().mapToDouble(p -> p[1]).toArray());
            f.setLineColor(PALETTE[3]);
            f.setMarkerColor(PALETTE[3]);
        }
        save(chart, file);
    }

    /** Histogram of the times at which every output settled. */
    public static void convergenceHistogram(double[] times, double tMax, Path file) {
        int bins = 20;
        double top = 0;
        for (double t : times) {
            top = Math.max(top, t);
        }
        top = top > 0 ? top : Math.max(tMax, 1);
        double width = top / bins;
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(String.format(java.util.Locale.ROOT, "%.3g", (b + 0.5) * width));
            counts.add(0);
        }
        for (double t : times) {
            int b = Math.min(bins - 1, (int) (t / width));
            counts.set(b, counts.get(b) + 1);
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title("Convergence times")
                .xAxisTitle("time at which every output is within 1% (or 0.01) of its final value")
                .yAxisTitle("examples").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("examples", labels, counts);
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
