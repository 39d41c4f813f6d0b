package dev.zennas.arch;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.zennas.util.Json;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables (Tablesaw) and JSON views of structures and released nets, shared by the CLI and notebooks. */
public final class ArchTables {
    private ArchTables() {}

    /** One row per super block: type, in, out, stride, bottleneck, sub-layers, kernel, resolutions, params, FLOPs. */
    public static Table blocks(Counts c) {
        IntColumn idx = IntColumn.create("#");
        StringColumn type = StringColumn.create("type");
        IntColumn in = IntColumn.create("in");
        IntColumn out = IntColumn.create("out");
        IntColumn stride = IntColumn.create("stride");
        IntColumn btn = IntColumn.create("bottleneck");
        IntColumn sub = IntColumn.create("sub_layers");
        IntColumn kernel = IntColumn.create("kernel");
        IntColumn res = IntColumn.create("res_out");
        LongColumn params = LongColumn.create("params_code");
        DoubleColumn flops = DoubleColumn.create("MFLOPs_code");
        LongColumn paramsDep = LongColumn.create("params");
        DoubleColumn flopsDep = DoubleColumn.create("MFLOPs");
        for (Counts.BlockCounts b : c.blocks()) {
            SuperBlock s = b.block();
            idx.append(b.index());
            type.append(s.type().name());
            in.append(s.in());
            out.append(s.out());
            stride.append(s.stride());
            btn.append(s.bottleneck());
            sub.append(s.subLayers());
            kernel.append(s.kernel());
            res.append(b.outResolution());
            params.append(b.paramsCode());
            flops.append(round3(b.flopsCode() / 1e6));
            paramsDep.append(b.params());
            flopsDep.append(round3(b.flops() / 1e6));
        }
        return Table.create("blocks", idx, type, in, out, stride, btn, sub, kernel, res, params, flops, paramsDep, flopsDep);
    }

    /** The totals as readable lines. */
    public static String summary(Counts c) {
        return String.format(Locale.ROOT,
                "totals: layers %d | code rule (budgets): params %,d  FLOPs %,.0f | deployed: params %,d  FLOPs %,.0f"
                        + " | no-residual (proxies): params %,d  FLOPs %,.0f | BN layers %d (no-residual %d)",
                c.layers(), c.paramsCode(), c.flopsCode(), c.params(), c.flops(), c.paramsNoResidual(),
                c.flopsNoResidual(), c.batchNormLayers(true), c.batchNormLayers(false));
    }

    /** The released nets: published numbers beside our code-rule counts. */
    public static Table released() {
        StringColumn name = StringColumn.create("name");
        IntColumn res = IntColumn.create("res");
        IntColumn classes = IntColumn.create("classes");
        StringColumn se = StringColumn.create("se");
        DoubleColumn paramsM = DoubleColumn.create("params_M");
        DoubleColumn flopsM = DoubleColumn.create("FLOPs_M");
        DoubleColumn top1 = DoubleColumn.create("top1");
        DoubleColumn v100 = DoubleColumn.create("V100_ms");
        LongColumn pc = LongColumn.create("params_code");
        LongColumn fc = LongColumn.create("flops_code");
        IntColumn layers = IntColumn.create("layers");
        for (ReleasedNet n : ReleasedNets.all()) {
            Counts c = Counts.of(n.structure(), n.resolution(), n.numClasses(), false);
            name.append(n.name());
            res.append(n.resolution());
            classes.append(n.numClasses());
            se.append(n.se() ? "yes" : "no");
            paramsM.append(n.paramsM());
            flopsM.append(n.flopsM());
            top1.append(n.top1());
            if (n.latencyV100().isPresent()) v100.append(n.latencyV100().getAsDouble()); else v100.appendMissing();
            pc.append(c.paramsCode());
            fc.append((long) c.flopsCode());
            layers.append(c.layers());
        }
        return Table.create("released ZenNets", name, res, classes, se, paramsM, flopsM, top1, v100, pc, fc, layers);
    }

    /** JSON of a resolved architecture and its counts (the {@code zen arch info --json} object). */
    public static JsonObject json(ArchSource.Resolved r, Counts c) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.label());
        o.addProperty("structure", c.structure().toString());
        o.addProperty("resolution", c.resolution());
        o.addProperty("classes", c.numClasses());
        o.addProperty("se", c.se());
        o.addProperty("params_code", c.paramsCode());
        Json.put(o, "flops_code", c.flopsCode());
        o.addProperty("params", c.params());
        Json.put(o, "flops", c.flops());
        o.addProperty("params_code_deployed", c.paramsCodeDeployed());
        Json.put(o, "flops_code_deployed", c.flopsCodeDeployed());
        o.addProperty("params_no_residual", c.paramsNoResidual());
        Json.put(o, "flops_no_residual", c.flopsNoResidual());
        o.addProperty("layers", c.layers());
        o.addProperty("bn_layers", c.batchNormLayers(true));
        o.addProperty("bn_layers_no_residual", c.batchNormLayers(false));
        o.addProperty("out_resolution", c.outResolution());
        JsonArray blocks = new JsonArray();
        for (Counts.BlockCounts b : c.blocks()) {
            SuperBlock s = b.block();
            JsonObject j = new JsonObject();
            j.addProperty("index", b.index());
            j.addProperty("type", s.type().name());
            j.addProperty("family", s.family().name().toLowerCase(Locale.ROOT));
            j.addProperty("in", s.in());
            j.addProperty("out", s.out());
            j.addProperty("stride", s.stride());
            j.addProperty("bottleneck", s.bottleneck());
            j.addProperty("sub_layers", s.subLayers());
            j.addProperty("kernel", s.kernel());
            j.addProperty("expansion", s.type().expansion());
            j.addProperty("in_resolution", b.inResolution());
            j.addProperty("out_resolution", b.outResolution());
            j.addProperty("params_code", b.paramsCode());
            Json.put(j, "flops_code", b.flopsCode());
            j.addProperty("params", b.params());
            Json.put(j, "flops", b.flops());
            blocks.add(j);
        }
        o.add("blocks", blocks);
        r.released().ifPresent(n -> o.add("published", json(n)));
        return o;
    }

    /** JSON of a released net's published facts. */
    public static JsonObject json(ReleasedNet n) {
        JsonObject o = new JsonObject();
        o.addProperty("name", n.name());
        o.addProperty("dataset", n.dataset());
        o.addProperty("resolution", n.resolution());
        o.addProperty("classes", n.numClasses());
        o.addProperty("se", n.se());
        o.addProperty("eval_crop", n.evalCrop());
        o.addProperty("structure", n.structure().toString());
        o.addProperty("params_m", n.paramsM());
        o.addProperty("flops_m", n.flopsM());
        o.addProperty("top1", n.top1());
        n.latencyV100().ifPresent(v -> o.addProperty("latency_v100_ms", v));
        n.latencyT4().ifPresent(v -> o.addProperty("latency_t4_ms", v));
        n.latencyPixel2().ifPresent(v -> o.addProperty("latency_pixel2_ms", v));
        o.addProperty("paper_name", n.paperName());
        o.addProperty("source", n.source());
        if (!n.note().isBlank()) o.addProperty("note", n.note());
        return o;
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
