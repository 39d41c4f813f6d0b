package org.dflib.jjava.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test double with the shape of JJava's DisplayData (no-argument constructor, putData(mime, data), display id). */
public class DisplayData {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private String displayId;

    public DisplayData() {
    }

    public void putData(String mime, Object value) {
        data.put(mime, value);
    }

    public Map<String, Object> getData() {
        return data;
    }

    public DisplayData setDisplayId(String id) {
        displayId = id;
        return this;
    }

    public String getDisplayId() {
        return displayId;
    }
}
