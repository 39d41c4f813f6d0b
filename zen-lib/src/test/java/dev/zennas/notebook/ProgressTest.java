package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void loopOverItemsCountsEveryItemAndEndsWithADoneLine() {
        List<Integer> seen = new ArrayList<>();
        try (Display.Capture c = Display.capture()) {
            for (int x : Progress.over("counting", List.of(1, 2, 3))) {
                seen.add(x);
            }
            List<String> lines = c.outputs().stream().map(Display.Output::text).toList();
            assertThat(seen).containsExactly(1, 2, 3);
            assertThat(lines.get(0)).startsWith("counting: 0/3 (0%)");
            assertThat(lines.get(lines.size() - 1)).startsWith("counting: 3/3 (100%)").endsWith("- done");
            // one line per tenth at most: 3 items -> start, 3 steps, done
            assertThat(lines).hasSizeLessThanOrEqualTo(5);
        }
    }

    @Test
    void stepsWithNotesAndUnknownTotal() {
        try (Display.Capture c = Display.capture(); Progress p = Progress.start("search", 0)) {
            p.step("best 1.5");
            p.advance(4, "best 2.5");
            assertThat(p.done()).isEqualTo(5);
            assertThat(p.line()).startsWith("search: 5 ").contains("best 2.5").doesNotContain("%");
        }
    }

    @Test
    void closeIsIdempotentAndLaterStepsAreIgnored() {
        try (Display.Capture c = Display.capture()) {
            Progress p = Progress.start("x", 2);
            p.close();
            p.close();
            p.step();
            assertThat(p.done()).isZero();
            assertThat(c.outputs()).hasSize(2); // start line + one done line
        }
    }

    @Test
    void aLabelIsRequired() {
        assertThatThrownBy(() -> Progress.start(" ", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
