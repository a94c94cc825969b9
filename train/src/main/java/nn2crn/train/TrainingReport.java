package nn2crn.train;

import nn2crn.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;

import java.util.List;
import java.util.Locale;

/** The training run's {@code metrics.csv} and {@code training.png}. */
final class TrainingReport {

    private TrainingReport() {
    }

    static void writeMetrics(List<EpochMetrics> metrics, Path file) {
        int layers = metrics.isEmpty() ? 0 : metrics.get(0).flipRatio().size();
        StringBuilder sb = new StringBuilder("epoch,loss,train_accuracy,select_accuracy,learning_rate");
        for (int l = 0; l < layers; l++) {
            sb.append(",flip_ratio_layer").append(l);
        }
        sb.append(",train_seconds,seconds\n");
        for (EpochMetrics m : metrics) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6g", m.epoch(), m.loss(), m.trainAccuracy(),
                    m.selectAccuracy(), m.learningRate()));
            for (double f : m.flipRatio()) {
                sb.append(String.format(Locale.ROOT, ",%.6f", f));
            }
            sb.append(String.format(Locale.ROOT, ",%.3f,%.3f%n", m.trainSeconds(), m.seconds()));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    static void writeChart(TrainConfig config, List<EpochMetrics> metrics, int bestEpoch, Path file) {
        List<Integer> epochs = metrics.stream().map(EpochMetrics::epoch).toList();
        XYChart loss = new XYChartBuilder().width(800).height(300)
                .title(config.name() + ": training loss").xAxisTitle("epoch").yAxisTitle("loss").build();
        loss.addSeries("loss (" + config.training().loss() + ")", epochs,
                metrics.stream().map(EpochMetrics::loss).toList()).setMarker(SeriesMarkers.NONE);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);

        XYChart accuracy = new XYChartBuilder().width(800).height(300)
                .title("accuracy of the binarized network (best epoch " + bestEpoch + ")")
                .xAxisTitle("epoch").yAxisTitle("accuracy (%)").build();
        XYSeries train = accuracy.addSeries(config.dataset().trainSplit() + " split", epochs,
                metrics.stream().map(m -> 100 * m.trainAccuracy()).toList());
        train.setMarker(SeriesMarkers.NONE);
        if (!config.dataset().selectSplit().equals(config.dataset().trainSplit())) {
            accuracy.addSeries(config.dataset().selectSplit() + " split", epochs,
                    metrics.stream().map(m -> 100 * m.selectAccuracy()).toList())
                    .setMarker(SeriesMarkers.NONE);
        }
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        List<Chart> charts = List.of(loss, accuracy);
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 2, 1, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
