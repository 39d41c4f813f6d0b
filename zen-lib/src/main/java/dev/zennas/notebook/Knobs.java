package dev.zennas.notebook;

/**
 * Speed knobs read from the environment (or a system property of the same name), so CI can run notebooks
 * small: {@code ZEN_QUICK=1} plus named integer knobs in the d2l-java manner ({@code MAX_EPOCH},
 * {@code DATASET_LIMIT}, ...).
 */
public final class Knobs {

    private Knobs() {
    }

    /** True when {@code ZEN_QUICK} is 1, true, yes or on (any case). */
    public static boolean quick() {
        String v = Display.setting("ZEN_QUICK");
        return v != null && v.trim().toLowerCase().matches("1|true|yes|on");
    }

    /** The integer knob {@code name} if set, else {@code defaultValue}. A value that is no integer is an error. */
    public static int knob(String name, int defaultValue) {
        String v = Display.setting(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("knob " + name + " must be an integer, was '" + v + "'");
        }
    }

    /** The knob {@code name} if set, else {@code quickValue} in quick mode and {@code fullValue} otherwise. */
    public static int knob(String name, int fullValue, int quickValue) {
        return knob(name, quick() ? quickValue : fullValue);
    }
}
