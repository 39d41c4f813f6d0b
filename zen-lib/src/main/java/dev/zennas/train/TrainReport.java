package dev.zennas.train;

import dev.zennas.notebook.Chromium;
import dev.zennas.notebook.FigureHtml;
import dev.zennas.notebook.HtmlPage;
import dev.zennas.notebook.HtmlTables;
import dev.zennas.notebook.PlotlyJs;
import dev.zennas.notebook.Show;
import dev.zennas.plot.Plots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Curves of a training run: the per-epoch table (loss, lr, test top-1, speed) and two plots, as Tablesaw objects for
 * notebooks and as {@code report.html} (plotly inlined: it works offline) plus PNGs for the command line.
 */
public final class TrainReport {

    /** What {@link #write} produced. */
    public record Written(Table table, Path html, List<Path> pngs) {
    }

    private TrainReport() {
    }

    /** The per-epoch table of the run in {@code dir} (from its checkpoint, so a stopped run has one too). */
    public static Table table(Path dir) {
        return table(history(dir), dir.getFileName().toString());
    }

    /** A table of {@code history}. */
    public static Table table(List<EpochStats> history, String name) {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("train_loss");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn top1 = DoubleColumn.create("test_top1");
        DoubleColumn secs = DoubleColumn.create("seconds");
        DoubleColumn ips = DoubleColumn.create("images_per_second");
        for (EpochStats e : history) {
            epoch.append(e.epoch());
            loss.append(round(e.trainLoss(), 4));
            lr.append(round(e.lr(), 6));
            top1.append(round(e.testTop1(), 2));
            secs.append(round(e.seconds(), 1));
            ips.append(round(e.imagesPerSecond(), 1));
        }
        return Table.create(name, epoch, loss, lr, top1, secs, ips);
    }

    /** The three presets side by side: epochs, batch, lr, warm-up, regularisers, BN settings. */
    public static Table presets() {
        tech.tablesaw.api.StringColumn name = tech.tablesaw.api.StringColumn.create("preset");
        IntColumn epochs = IntColumn.create("epochs");
        IntColumn batch = IntColumn.create("batch");
        DoubleColumn lr = DoubleColumn.create("peak_lr");
        DoubleColumn warm = DoubleColumn.create("warmup_epochs");
        DoubleColumn wd = DoubleColumn.create("weight_decay");
        tech.tablesaw.api.StringColumn aug = tech.tablesaw.api.StringColumn.create("augmentation");
        DoubleColumn bnm = DoubleColumn.create("bn_momentum");
        IntColumn recal = IntColumn.create("bn_reestimation_batches");
        for (String n : TrainRecipe.PRESETS) {
            TrainRecipe r = TrainRecipe.preset(n);
            name.append(n);
            epochs.append(r.epochs());
            batch.append(r.batchSize());
            lr.append(r.peakLr());
            warm.append(r.warmupEpochs());
            wd.append(r.weightDecay());
            aug.append(r.augment().describe());
            bnm.append(r.bnMomentum());
            recal.append(r.bnRecalibration());
        }
        return Table.create("training presets", name, epochs, batch, lr, warm, wd, aug, bnm, recal);
    }

    /** Training loss per epoch. */
    public static Figure lossPlot(Table table) {
        return Plots.line("training loss", table, "epoch", "train_loss", null,
                Plots.Axes.titles("epoch", "training loss"));
    }

    /** Test top-1 per epoch. */
    public static Figure accuracyPlot(Table table) {
        return Plots.line("test top-1 (%)", table, "epoch", "test_top1", null, Plots.Axes.titles("epoch", "test top-1 (%)"));
    }

    /** The history recorded in a run directory's checkpoint. */
    public static List<EpochStats> history(Path dir) {
        TrainRun.readLedger(dir); // refuses directories that are not training runs
        var c = TrainRun.readCheckpoint(dir);
        return c == null ? List.of() : TrainRun.history(c);
    }

    /** Writes {@code report.html} (and, with {@code png}, {@code loss.png} and {@code top1.png}) into the run directory. */
    public static Written write(Path dir, boolean png) {
        Table t = table(dir);
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException(dir + " has no finished epoch yet");
        }
        TrainRun.Spec spec = TrainRun.specOf(dir);
        Figure loss = lossPlot(t);
        Figure acc = accuracyPlot(t);
        String plotly = PlotlyJs.source();
        // With PNGs, the page carries each one as the picture shown where scripts do not run (see FigureHtml).
        byte[] lossPng = null;
        byte[] accPng = null;
        if (png && Chromium.unavailableReason().isEmpty()) {
            lossPng = Show.png(loss);
            accPng = Show.png(acc);
        }
        String body = "<h2>" + HtmlPage.escape(spec.label()) + "</h2>\n<p><code>" + HtmlPage.escape(spec.structure())
                + "</code><br>preset " + HtmlPage.escape(spec.recipe().preset()) + ", " + spec.recipe().epochs()
                + " epochs, batch " + spec.recipe().batchSize() + ", seed " + spec.seed() + ", "
                + HtmlPage.escape(spec.data().dataset()) + "</p>\n" + HtmlTables.html(t, 10_000) + "\n"
                + FigureHtml.fragment(loss, FigureHtml.newId(), plotly, lossPng) + "\n"
                + FigureHtml.fragment(acc, FigureHtml.newId(), null, accPng) + "\n";
        Path html = dir.resolve("report.html");
        List<Path> pngs = new ArrayList<>();
        try {
            Files.writeString(html, HtmlPage.wrap(body), StandardCharsets.UTF_8);
            if (lossPng != null) {
                Files.write(dir.resolve("loss.png"), lossPng);
                Files.write(dir.resolve("top1.png"), accPng);
                pngs.add(dir.resolve("loss.png"));
                pngs.add(dir.resolve("top1.png"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        return new Written(t, html, pngs);
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
