package dev.zennas.search;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.zennas.proxy.ProxySettings;
import dev.zennas.proxy.ZenConvention;
import dev.zennas.scoring.ProxySpec;
import java.io.IOException;
import java.util.Locale;

/**
 * The {@code fitness} object of a search ledger: a {@link ProxySpec}. Written with the spec's fields; read from them or
 * from the older six-field form ({@code proxy}, {@code batchSize}, {@code resolution}, {@code numClasses},
 * {@code gamma}, {@code repeats}), whose missing settings are the ones every search then used: convention A, fresh
 * BN statistics per repeat, the default memory budget, no time budget. {@code numClasses} is read and dropped: it
 * always equalled the budget's classes, which are the classes a candidate is scored with.
 */
final class FitnessJson extends TypeAdapter<ProxySpec> {

    @Override
    public void write(JsonWriter out, ProxySpec spec) throws IOException {
        if (spec == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        out.name("proxy").value(spec.proxy());
        out.name("batchSize").value(spec.batchSize());
        out.name("resolution").value(spec.resolution());
        out.name("gamma").value(spec.gamma());
        out.name("repeats").value(spec.repeats());
        out.name("convention").value(spec.convention().name());
        out.name("accumulateBnStats").value(spec.accumulateBnStats());
        out.name("memoryBudgetBytes").value(spec.memoryBudgetBytes());
        out.name("timeBudgetSeconds").value(spec.timeBudgetSeconds());
        out.endObject();
    }

    @Override
    public ProxySpec read(JsonReader in) throws IOException {
        JsonElement e = JsonParser.parseReader(in);
        if (e.isJsonNull()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        for (String required : new String[] {"proxy", "batchSize", "resolution", "gamma", "repeats"}) {
            if (!o.has(required)) {
                throw new IllegalArgumentException("ledger fitness lacks '" + required + "'");
            }
        }
        return new ProxySpec(o.get("proxy").getAsString(), o.get("batchSize").getAsInt(), o.get("resolution").getAsInt(),
                o.get("gamma").getAsDouble(), o.get("repeats").getAsInt(),
                o.has("convention") ? ZenConvention.valueOf(o.get("convention").getAsString().toUpperCase(Locale.ROOT))
                        : ZenConvention.A,
                o.has("accumulateBnStats") && o.get("accumulateBnStats").getAsBoolean(),
                o.has("memoryBudgetBytes") ? o.get("memoryBudgetBytes").getAsLong() : ProxySettings.DEFAULT_MEMORY_BUDGET,
                o.has("timeBudgetSeconds") ? o.get("timeBudgetSeconds").getAsDouble() : 0);
    }
}
