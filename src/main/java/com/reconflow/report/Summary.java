package com.reconflow.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A summary's answer: its rows (the grouped values and their measures), its totals, and what it was read from. */
record Summary(List<Dimension> groupBy, String basis, List<Row> rows, Measures totals) {

    record Row(List<Object> key, Measures measures) {
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("groupBy", groupBy.stream().map(d -> d.param).toList());
        json.put("basis", basis);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                r.put(groupBy.get(i).param, row.key().get(i));
            }
            r.putAll(row.measures().toJson());
            out.add(r);
        }
        json.put("rows", out);
        json.put("totals", totals.toJson());
        return json;
    }
}
