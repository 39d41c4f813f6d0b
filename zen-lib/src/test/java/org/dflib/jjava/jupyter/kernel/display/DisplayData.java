package org.dflib.jjava.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test double with the shape of JJava's DisplayData (no-argument constructor, {@code putData(mime, data)}). */
public class DisplayData {
    private final Map<String, Object> data = new LinkedHashMap<>();

    public DisplayData() {
    }

    public void putData(String mime, Object value) {
        data.put(mime, value);
    }

    public Map<String, Object> getData() {
        return data;
    }
}
