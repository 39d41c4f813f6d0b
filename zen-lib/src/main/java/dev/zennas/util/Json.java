package dev.zennas.util;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** JSON helpers shared by the commands: one Gson configuration, integral doubles printed as integers. */
public final class Json {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().setExclusionStrategies(new SkipLatencyModels()).create();

    /**
     * A latency model in a search's constraints is a live predictor (a whole latency table), not a setting: ledgers
     * and snapshots leave it out, and whoever resumes the run attaches this machine's predictor again.
     */
    private static final class SkipLatencyModels implements com.google.gson.ExclusionStrategy {
        @Override
        public boolean shouldSkipField(com.google.gson.FieldAttributes f) {
            return f.getDeclaredClass() == dev.zennas.budget.LatencyModel.class;
        }

        @Override
        public boolean shouldSkipClass(Class<?> c) {
            return false;
        }
    }

    private Json() {}

    public static Gson gson() {
        return GSON;
    }

    /** A number that prints without ".0" when it is integral (FLOPs are doubles because of the code rule). */
    public static JsonPrimitive number(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 9.0e15) return new JsonPrimitive((long) v);
        return new JsonPrimitive(v);
    }

    public static String print(JsonElement e) {
        return GSON.toJson(e);
    }

    /** Adds a number property that prints integral values as integers. */
    public static JsonObject put(JsonObject o, String key, double value) {
        o.add(key, number(value));
        return o;
    }
}
