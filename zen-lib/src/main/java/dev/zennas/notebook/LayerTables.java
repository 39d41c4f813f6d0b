package dev.zennas.notebook;

import dev.zennas.arch.Counts;
import dev.zennas.arch.Expansion;
import dev.zennas.arch.Layer;
import dev.zennas.arch.ReleasedNet;
import dev.zennas.arch.ReleasedNets;
import dev.zennas.arch.Structure;
import dev.zennas.arch.SuperBlock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables for the architecture notebooks: released nets for plotting, and structures expanded layer by layer. */
public final class LayerTables {

    private LayerTables() {
    }

    /**
     * The released ZenNets: name, dataset, resolution, SE, published params (M), FLOPs (M) and top-1 (%), and the
     * library's code-rule params and FLOPs (M, residual net without SE) beside them.
     */
    public static Table released() {
        StringColumn name = StringColumn.create("name");
        StringColumn dataset = StringColumn.create("dataset");
        IntColumn res = IntColumn.create("resolution");
        StringColumn se = StringColumn.create("SE");
        DoubleColumn params = DoubleColumn.create("params (M)");
        DoubleColumn flops = DoubleColumn.create("FLOPs (M)");
        DoubleColumn top1 = DoubleColumn.create("top-1 (%)");
        DoubleColumn paramsCode = DoubleColumn.create("code params (M)");
        DoubleColumn flopsCode = DoubleColumn.create("code FLOPs (M)");
        for (ReleasedNet n : ReleasedNets.all()) {
            Counts c = Counts.of(n.structure(), n.resolution(), n.numClasses(), false);
            name.append(n.name());
            dataset.append(n.dataset());
            res.append(n.resolution());
            se.append(n.se() ? "yes" : "no");
            params.append(n.paramsM());
            flops.append(n.flopsM());
            top1.append(n.top1());
            paramsCode.append(round(c.paramsCode() / 1e6, 3));
            flopsCode.append(round(c.flopsCode() / 1e6, 1));
        }
        return Table.create("released ZenNets", name, dataset, res, se, params, flops, top1, paramsCode, flopsCode);
    }

    /**
     * One row per leaf layer of {@code s} in expansion order (conventions §3.3/§3.4): super-block index, nesting
     * ({@code residual} units show their inner layers, then the shortcut), kind and shape, and parameters under the
     * code rule (BN = C, projection = in·out + out) and as true tensor sizes (BN = 2C, projection + 2·out for its BN).
     */
    public static Table layers(Structure s, boolean residual, boolean se) {
        IntColumn block = IntColumn.create("block");
        StringColumn layer = StringColumn.create("layer");
        StringColumn shape = StringColumn.create("shape");
        LongColumn code = LongColumn.create("params (code rule)");
        LongColumn real = LongColumn.create("params (true)");
        List<SuperBlock> blocks = s.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            for (Layer l : Expansion.of(blocks.get(i), residual, se)) {
                add(i, l, "", block, layer, shape, code, real);
            }
        }
        return Table.create("layers of " + abbreviate(s.toString()), block, layer, shape, code, real);
    }

    private static void add(int i, Layer l, String indent, IntColumn block, StringColumn layer, StringColumn shape,
                            LongColumn code, LongColumn real) {
        if (l instanceof Layer.Residual r) {
            block.append(i);
            layer.append(indent + "residual unit {");
            shape.append("");
            code.append(0);
            real.append(0);
            for (Layer inner : r.inner()) {
                add(i, inner, indent + "  ", block, layer, shape, code, real);
            }
            block.append(i);
            if (r.shortcut() == null) {
                layer.append(indent + "} + identity");
                shape.append("");
                code.append(0);
                real.append(0);
            } else {
                Layer.Projection p = r.shortcut();
                layer.append(indent + "} + projection (1x1 conv + bias, BN)");
                shape.append(p.in() + "->" + p.out() + " s" + p.stride());
                code.append((long) p.in() * p.out() + p.out());
                real.append((long) p.in() * p.out() + p.out() + 2L * p.out());
            }
            return;
        }
        block.append(i);
        if (l instanceof Layer.Conv c) {
            long k2 = (long) c.kernel() * c.kernel();
            long p = (long) c.in() * c.out() * k2 / c.groups();
            layer.append(indent + (c.depthwise() ? "depthwise conv" : "conv") + " " + c.kernel() + "x" + c.kernel());
            shape.append(c.in() + "->" + c.out() + " s" + c.stride() + (c.groups() > 1 ? " g" + c.groups() : ""));
            code.append(p);
            real.append(p);
        } else if (l instanceof Layer.BatchNorm bn) {
            layer.append(indent + "batch norm");
            shape.append(String.valueOf(bn.channels()));
            code.append(bn.channels());
            real.append(2L * bn.channels());
        } else if (l instanceof Layer.Relu) {
            layer.append(indent + "relu");
            shape.append("");
            code.append(0);
            real.append(0);
        } else if (l instanceof Layer.SqueezeExcite e) {
            long ch = e.channels();
            long w = e.width();
            long p = ch * w + 2 * w + w * ch + 2 * ch;
            layer.append(indent + "squeeze-excite");
            shape.append(ch + "->" + w + "->" + ch);
            code.append(p);
            real.append(p);
        } else {
            layer.append(indent + l.getClass().getSimpleName());
            shape.append("");
            code.append(0);
            real.append(0);
        }
    }

    /**
     * A short label for a released net, for plot axes: {@code zennet_cifar100_model_size05M_res32} -> "C100 0.5M",
     * {@code zennet_imagenet1k_flops400M_SE_res224} -> "IN 400M SE", {@code ..._latency12ms_res224} -> "IN 1.2 ms".
     */
    public static String shortName(String name) {
        Matcher m;
        if ((m = Pattern.compile("zennet_cifar(\\d+)_model_size(\\d+)M_res\\d+").matcher(name)).matches()) {
            String size = m.group(2).startsWith("0") ? "0." + m.group(2).substring(1) : m.group(2);
            return "C" + m.group(1) + " " + size + "M";
        }
        if ((m = Pattern.compile("zennet_imagenet1k_flops(\\d+)M(_SE)?_res\\d+").matcher(name)).matches()) {
            return "IN " + m.group(1) + "M" + (m.group(2) != null ? " SE" : "");
        }
        if ((m = Pattern.compile("zennet_imagenet1k_latency(\\d)(\\d)ms_res\\d+").matcher(name)).matches()) {
            return "IN " + m.group(1) + "." + m.group(2) + " ms";
        }
        return name.startsWith("zennet_") ? name.substring("zennet_".length()) : name;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
