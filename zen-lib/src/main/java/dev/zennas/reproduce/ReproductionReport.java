package dev.zennas.reproduce;

import dev.zennas.notebook.Chromium;
import dev.zennas.notebook.HtmlPage;
import dev.zennas.notebook.HtmlTables;
import dev.zennas.notebook.PlotlyJs;
import dev.zennas.notebook.Show;
import dev.zennas.plot.Plots;
import dev.zennas.search.SearchReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Writes the reproduction report: {@code reproduction.md} (Markdown), {@code reproduction.html} (the same as one
 * offline page) and, in {@code reproduction/}, the findings as {@code findings.csv} and the plots as PNG (as
 * offline HTML pages where headless Chromium is missing). {@link #check} compares fresh findings with a stored {@code findings.csv}.
 */
public final class ReproductionReport {
    public static final String MARKDOWN = "reproduction.md";
    public static final String HTML = "reproduction.html";
    public static final String ASSETS = "reproduction";
    public static final String FINDINGS = "findings.csv";

    private ReproductionReport() {}

    /** The findings as a table, one row each, columns as in {@code findings.csv}. */
    public static Table table(List<Finding> findings) {
        String[] names = {"id", "section", "what", "paper", "ours", "tolerance", "verdict", "reason", "command", "source"};
        List<StringColumn> cols = new ArrayList<>();
        for (String n : names) cols.add(StringColumn.create(n));
        for (Finding f : findings) {
            String[] v = {f.id(), f.section(), f.what(), f.paper(), f.ours(), f.tolerance(), f.outcome().label(),
                    f.reason(), f.command(), f.source()};
            for (int i = 0; i < v.length; i++) cols.get(i).append(v[i]);
        }
        return Table.create("findings", cols.toArray(new StringColumn[0]));
    }

    /** Findings per verdict, in the verdicts' order. */
    public static Map<Outcome, Integer> counts(List<Finding> findings) {
        Map<Outcome, Integer> m = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) m.put(o, 0);
        for (Finding f : findings) m.merge(f.outcome(), 1, Integer::sum);
        return m;
    }

    /** Writes the report into {@code outDir}; returns the files written. */
    public static List<Path> write(Reproduction.Result r, Path outDir, String command) {
        List<Path> written = new ArrayList<>();
        try {
            Path assets = outDir.resolve(ASSETS);
            Files.createDirectories(assets);
            Path csv = assets.resolve(FINDINGS);
            table(r.findings()).write().csv(csv.toString());
            written.add(csv);
            Map<String, String> pictures = new LinkedHashMap<>();
            for (Map.Entry<String, Figure> e : figures(r).entrySet()) {
                Path png = assets.resolve(e.getKey() + ".png");
                Path page = assets.resolve(e.getKey() + ".html");
                byte[] picture = png(e.getValue());
                if (picture != null) {
                    Files.write(png, picture);
                    Files.deleteIfExists(page);
                    written.add(png);
                    pictures.put(e.getKey(), ASSETS + "/" + png.getFileName());
                } else {
                    // no headless Chromium here: the plot as an offline page instead
                    written.addAll(SearchReport.write(e.getValue(), page));
                    pictures.put(e.getKey(), ASSETS + "/" + page.getFileName());
                }
            }
            Path md = outDir.resolve(MARKDOWN);
            Files.writeString(md, markdown(r, pictures, command), StandardCharsets.UTF_8);
            written.add(md);
            Path html = outDir.resolve(HTML);
            Files.writeString(html, html(r, pictures, command), StandardCharsets.UTF_8);
            written.add(html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The plot as a PNG, or null where headless Chromium or the local plotly.js is missing. */
    private static byte[] png(Figure figure) {
        if (Chromium.unavailableReason().isPresent() || PlotlyJs.locate().isEmpty()) return null;
        try {
            return Show.png(figure);
        } catch (Chromium.RenderException e) {
            return null;
        }
    }

    private static Map<String, Figure> figures(Reproduction.Result r) {
        Map<String, Figure> f = new LinkedHashMap<>();
        Table counts = r.plotTables().get("released-counts");
        if (counts != null && counts.rowCount() > 0) {
            f.put("released-counts", Plots.scatter("released ZenNets: our count / published", counts, "net",
                    "ours_over_paper", "count"));
        }
        Table t5 = r.plotTables().get("table5");
        if (t5 != null && t5.rowCount() > 0) {
            f.put("table5", Plots.scatter("Table 5: Zen-Score of ResNets, paper and ours", t5, "model", "zen_score", "who"));
        }
        Table curves = r.plotTables().get("search-curves");
        if (curves != null && curves.rowCount() > 0) {
            f.put("search-curves", Plots.line("searches: best search score by wall time", curves, "seconds", "best", "run"));
        }
        Table corr = r.plotTables().get("correlations");
        if (corr != null && corr.rowCount() > 0) {
            f.put("correlations", Plots.scatter("rank correlations: paper against ours (Spearman ρ)", corr, "paper",
                    "ours", "anchor"));
        }
        return f;
    }

    /** The report as Markdown; {@code pictures} maps a plot name to its file relative to the report. */
    public static String markdown(Reproduction.Result r, Map<String, String> pictures, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Reproduction of the Zen-NAS paper\n\n");
        sb.append("Every number of the Zen-NAS paper (Lin et al., ICCV 2021) and its official README that this workbench"
                + " compares against, ours beside it, the tolerance and the verdict. Written by `").append(command)
                .append("`; the published numbers are in `data/zennets.csv`, `data/imagenet_big_table.csv` and"
                        + " `data/published/`, the stored results of the long runs in `docs/results/`.\n\n");
        sb.append("| verdict | findings |\n|---|---|\n");
        for (Map.Entry<Outcome, Integer> e : counts(r.findings()).entrySet()) {
            if (e.getValue() > 0) sb.append("| ").append(e.getKey().label()).append(" | ").append(e.getValue()).append(" |\n");
        }
        sb.append("\n");
        List<Finding> missing = r.findings().stream().filter(f -> f.outcome() == Outcome.MISSING).toList();
        if (!missing.isEmpty()) {
            sb.append("**Missing stored results** (the rest of the report stands):\n\n");
            for (Finding f : missing) sb.append("- ").append(cell(f.what())).append(": ").append(cell(f.reason())).append("\n");
            sb.append("\n");
        }
        String section = null;
        for (Finding f : r.findings()) {
            if (!f.section().equals(section)) {
                section = f.section();
                sb.append("\n## ").append(section).append("\n\n");
                picture(sb, section, pictures);
                if (section.equals(Reproduction.SEARCH)) searches(sb, r.searches());
                sb.append("| what | paper | ours | tolerance | verdict | reason | command | source |\n");
                sb.append("|---|---|---|---|---|---|---|---|\n");
            }
            sb.append("| ").append(cell(f.what())).append(" | ").append(cell(f.paper())).append(" | ").append(cell(f.ours()))
                    .append(" | ").append(cell(f.tolerance())).append(" | **").append(f.outcome().label()).append("** | ")
                    .append(cell(f.reason())).append(" | ").append(f.command().isEmpty() ? "" : "`" + cell(f.command()) + "`")
                    .append(" | ").append(cell(f.source())).append(" |\n");
        }
        sb.append("\n## The long runs\n\nThe stored results in `docs/results/` come from these commands (each"
                + " resumable); `zen reproduce` reads them without re-running:\n\n- `searches/PRESET/summary.json` and"
                + " `curve.csv` (`zen search export RUN_DIR`): the run's settings, ledger and wall time, its best structure"
                + " re-scored (Zen-Score at batch 64, 8 draws, over the 5 best members) with params and FLOPs under the"
                + " code rule and as deployed, and the released net of the same budget scored the same way;\n"
                + "- `training/zen-vs-accuracy.json` (`zen train export STUDY_DIR`): the study's networks, top-1 and"
                + " correlations with their training settings; `training/LABEL.json` for a single training run;\n"
                + "- `latency/released.csv`: `zen latency released --csv` as written.\n\n```\n");
        for (String c : Reproduction.longRunCommands(java.nio.file.Path.of("docs", "results"))) sb.append(c).append("\n");
        sb.append("```\n");
        sb.append(String.format(Locale.ROOT, "%nBuilt in %.0f s.%n", r.seconds()));
        return sb.toString();
    }

    private static void picture(StringBuilder sb, String section, Map<String, String> pictures) {
        String key = switch (section) {
            case Reproduction.RELEASED -> "released-counts";
            case Reproduction.ZEN -> "table5";
            case Reproduction.CORRELATION -> "correlations";
            case Reproduction.SEARCH -> "search-curves";
            default -> null;
        };
        String file = key == null ? null : pictures.get(key);
        if (file == null) return;
        if (file.endsWith(".png")) sb.append("![").append(key).append("](").append(file).append(")\n\n");
        else sb.append("Plot: [").append(key).append("](").append(file).append(")\n\n");
    }

    private static void searches(StringBuilder sb, Table t) {
        sb.append("Each budget's search beside the released net of the same budget (Zen-Score re-scored with 8 draws at"
                + " the batch in zen_batch: the official 64, and 16 for the latency presets, whose larger nets exceed the"
                + " proxy's memory budget at 64; params and FLOPs under the code rule that the budget checks and as"
                + " deployed):\n\n| ");
        sb.append(String.join(" | ", t.columnNames())).append(" |\n|");
        sb.append("---|".repeat(t.columnCount())).append("\n");
        for (Row row : t) {
            sb.append("| ");
            List<String> cells = new ArrayList<>();
            for (String c : t.columnNames()) {
                Object v = row.getObject(c);
                // a missing value (the released row's search hours) is an empty cell, not "null"
                cells.add(v == null ? "" : v instanceof Double d ? Finding.number(d) : cell(String.valueOf(v)));
            }
            sb.append(String.join(" | ", cells)).append(" |\n");
        }
        sb.append("\n");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** The same report as one HTML page (tables and links to the plots). */
    public static String html(Reproduction.Result r, Map<String, String> pictures, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>Reproduction of the Zen-NAS paper</h1>\n<p>Written by <code>").append(HtmlPage.escape(command))
                .append("</code>.</p>\n");
        Map<Outcome, Integer> counts = counts(r.findings());
        sb.append("<ul>");
        counts.forEach((o, n) -> {
            if (n > 0) sb.append("<li>").append(HtmlPage.escape(o.label())).append(": ").append(n).append("</li>");
        });
        sb.append("</ul>\n");
        for (Map.Entry<String, String> e : pictures.entrySet()) {
            String file = e.getValue();
            sb.append(file.endsWith(".png") ? "<p><img src=\"" + HtmlPage.escape(file) + "\" alt=\"" + e.getKey() + "\"></p>\n"
                    : "<p><a href=\"" + HtmlPage.escape(file) + "\">" + e.getKey() + "</a></p>\n");
        }
        sb.append(HtmlTables.html(r.searches(), Integer.MAX_VALUE));
        sb.append(HtmlTables.html(table(r.findings()).removeColumns("id"), Integer.MAX_VALUE));
        return HtmlPage.wrap(sb.toString());
    }

    /**
     * The findings that a stored {@code findings.csv} marks reproduced and that now differ: ours drifted outside the
     * tolerance. A number whose input is missing now (or that only {@code --full} recomputes) is not drift; the
     * report names what is missing. Empty when nothing drifted.
     */
    public static List<String> check(List<Finding> fresh, Path baselineCsv) {
        Table base;
        try {
            base = Table.read().usingOptions(tech.tablesaw.io.csv.CsvReadOptions.builder(baselineCsv.toFile())
                    .columnTypesToDetect(List.of(tech.tablesaw.api.ColumnType.STRING)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the baseline " + baselineCsv + ": " + e.getMessage(), e);
        }
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Finding f : fresh) byId.put(f.id(), f);
        List<String> drifted = new ArrayList<>();
        for (Row row : base) {
            if (!Outcome.REPRODUCED.label().equals(row.getString("verdict"))) continue;
            Finding f = byId.get(row.getString("id"));
            if (f == null || f.outcome() != Outcome.DIFFERS) continue;
            drifted.add(f.what() + ": paper " + f.paper() + ", ours " + f.ours() + " (was " + row.getString("ours")
                    + "), tolerance " + f.tolerance() + " — " + f.outcome().label() + ": " + f.reason());
        }
        return drifted;
    }
}
