package dev.zennas.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The block expansion of conventions §3.3/§3.4, family by family. */
class ExpansionTest {

    private static String shape(List<Layer> layers) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            if (sb.length() > 0) sb.append(' ');
            if (l instanceof Layer.Conv c) sb.append(c.depthwise() ? "D" : "C").append(c.in()).append('>').append(c.out())
                    .append('k').append(c.kernel()).append('s').append(c.stride());
            else if (l instanceof Layer.BatchNorm b) sb.append("B").append(b.channels());
            else if (l instanceof Layer.Relu) sb.append("R");
            else if (l instanceof Layer.SqueezeExcite se) sb.append("SE").append(se.channels()).append('/').append(se.width());
            else if (l instanceof Layer.Residual r) sb.append('[').append(shape(r.inner())).append(" + ")
                    .append(r.shortcut() == null ? "id" : "P" + r.shortcut().in() + ">" + r.shortcut().out() + "s" + r.shortcut().stride())
                    .append(']');
        }
        return sb.toString();
    }

    @Test
    void convStackRepeatsConvBnReluAndStridesOnlyTheFirst() {
        SuperBlock b = Structure.parse("SuperConvK3BNRELU(3,8,2,2)").block(0);
        assertThat(shape(Expansion.of(b, true, false))).isEqualTo("C3>8k3s2 B8 R C8>8k3s1 B8 R");
    }

    @Test
    void basicBlockProjectsTheFirstSubLayerEvenAtStrideOneAndEqualWidths() {
        SuperBlock b = Structure.parse("SuperResK3K3(16,16,1,8,2)").block(0);
        assertThat(shape(Expansion.of(b, true, false)))
                .isEqualTo("[C16>8k3s1 B8 R C8>16k3s1 B16 + P16>16s1] R [C16>8k3s1 B8 R C8>16k3s1 B16 + id] R");
        assertThat(shape(Expansion.of(b, false, false)))
                .isEqualTo("C16>8k3s1 B8 R C8>16k3s1 B16 R C16>8k3s1 B8 R C8>16k3s1 B16 R");
        assertThat(shape(Expansion.of(b, true, true)))
                .startsWith("[C16>8k3s1 B8 R SE8/2 C8>16k3s1 B16 + P16>16s1] R");
    }

    @Test
    void bottleneckSubLayerIsTwoResidualBlocksWithTheStrideOnTheKxKConv() {
        SuperBlock b = Structure.parse("SuperResK1K5K1(8,32,2,16,1)").block(0);
        assertThat(shape(Expansion.of(b, true, false))).isEqualTo(
                "[C8>16k1s1 B16 R C16>16k5s2 B16 R C16>32k1s1 B32 + P8>32s2] R "
                        + "[C32>16k1s1 B16 R C16>16k5s1 B16 R C16>32k1s1 B32 + id] R");
    }

    @Test
    void invertedResidualOutputsTheBottleneckFirstAndReluFollowsEveryAdd() {
        SuperBlock b = Structure.parse("SuperResIDWE6K3(8,32,2,8,2)").block(0);
        // d1 = smart_round(8*6) = 48, d2 = smart_round(32*6) = 192
        assertThat(shape(Expansion.of(b, true, false))).isEqualTo(
                "[C8>48k1s1 B48 R D48>48k3s2 B48 R C48>8k1s1 B8 + P8>8s2] R "
                        + "[C8>192k1s1 B192 R D192>192k3s1 B192 R C192>32k1s1 B32 + P8>32s1] R "
                        + "[C32>48k1s1 B48 R D48>48k3s1 B48 R C48>8k1s1 B8 + P32>8s1] R "
                        + "[C8>192k1s1 B192 R D192>192k3s1 B192 R C192>32k1s1 B32 + P8>32s1] R");
        // When bottleneck == out, later sub-layers are identity residuals.
        SuperBlock same = Structure.parse("SuperResIDWE1K3(16,16,1,16,2)").block(0);
        assertThat(shape(Expansion.of(same, true, false))).endsWith(
                "[C16>16k1s1 B16 R D16>16k3s1 B16 R C16>16k1s1 B16 + id] R "
                        + "[C16>16k1s1 B16 R D16>16k3s1 B16 R C16>16k1s1 B16 + id] R");
    }
}
