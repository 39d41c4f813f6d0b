package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnobsTest {

    @AfterEach
    void clear() {
        System.clearProperty("ZEN_QUICK");
        System.clearProperty("ZEN_TEST_KNOB");
    }

    @Test
    void quickModeAcceptsTheUsualSpellings() {
        for (String on : new String[] {"1", "true", "YES", " on "}) {
            System.setProperty("ZEN_QUICK", on);
            assertThat(Knobs.quick()).as(on).isTrue();
        }
        for (String off : new String[] {"0", "false", "", "no"}) {
            System.setProperty("ZEN_QUICK", off);
            assertThat(Knobs.quick()).as(off).isFalse();
        }
    }

    @Test
    void knobReadsAnIntegerOrFallsBack() {
        assertThat(Knobs.knob("ZEN_TEST_KNOB", 7)).isEqualTo(7);
        System.setProperty("ZEN_TEST_KNOB", " 42 ");
        assertThat(Knobs.knob("ZEN_TEST_KNOB", 7)).isEqualTo(42);
    }

    @Test
    void quickValueAppliesOnlyWhenTheKnobIsUnset() {
        System.setProperty("ZEN_QUICK", "0");
        assertThat(Knobs.knob("ZEN_TEST_KNOB", 50, 2)).isEqualTo(50);
        System.setProperty("ZEN_QUICK", "1");
        assertThat(Knobs.knob("ZEN_TEST_KNOB", 50, 2)).isEqualTo(2);
        System.setProperty("ZEN_TEST_KNOB", "5");
        assertThat(Knobs.knob("ZEN_TEST_KNOB", 50, 2)).isEqualTo(5);
    }

    @Test
    void aKnobThatIsNoIntegerIsAnErrorNamingIt() {
        System.setProperty("ZEN_TEST_KNOB", "many");
        assertThatThrownBy(() -> Knobs.knob("ZEN_TEST_KNOB", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZEN_TEST_KNOB").hasMessageContaining("many");
    }
}
