package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A header row: looks values up by column name, so layouts may reorder or add columns. */
final class Header {

    private final String fileName;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Header(String fileName, List<String> rawCells) {
        this.fileName = fileName;
        this.names = rawCells.stream().map(Cells::clean).toList();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** Rejects the file when any of the columns is missing, naming them all. */
    Header require(Collection<String> wanted) {
        List<String> missing = wanted.stream().filter(n -> !has(n)).toList();
        if (!missing.isEmpty()) {
            String garbled = String.join(",", names).contains("\uFFFD")
                    ? " (the header has undecodable characters: wrong encoding?)" : "";
            throw new FileRejectedException(fileName + ": header lacks required column(s) "
                    + String.join(", ", missing) + garbled);
        }
        return this;
    }

    /** The cleaned value of the named column, "" when the layout has no such column. */
    String get(List<String> cells, String name) {
        Integer i = index.get(name);
        return i == null || i >= cells.size() ? "" : Cells.clean(cells.get(i));
    }

    /** The named columns that exist in this layout, with their cleaned values, in the given order. */
    Map<String, String> attributes(List<String> cells, Collection<String> wanted) {
        Map<String, String> out = new LinkedHashMap<>();
        wanted.stream().filter(this::has).forEach(n -> out.put(n, get(cells, n)));
        return out;
    }

    /** Every column not in {@code used}, for layouts whose extra columns are kept as attributes. */
    Map<String, String> others(List<String> cells, Collection<String> used) {
        List<String> rest = new ArrayList<>(names);
        rest.removeAll(used);
        rest.removeIf(String::isEmpty);
        return attributes(cells, rest);
    }
}
