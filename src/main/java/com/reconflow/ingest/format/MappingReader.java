package com.reconflow.ingest.format;

import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.Mapping.Attributes;
import com.reconflow.ingest.format.Mapping.Direction;
import com.reconflow.ingest.format.Mapping.KindRule;
import com.reconflow.ingest.format.Mapping.Money;
import com.reconflow.ingest.format.Mapping.Sign;
import com.reconflow.ingest.format.Mapping.Time;
import com.reconflow.ingest.format.Mapping.Value;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@link Mapping} from YAML with SnakeYAML's safe loader and checks every key, so a typo is an
 * error naming the file and the key rather than a silently ignored setting.
 */
final class MappingReader {

    static final String DEFAULT_TIME = "yyyy-MM-dd HH:mm:ss";
    private static final Set<String> TOP = Set.of("format", "description", "recognise", "encoding", "skipLines",
            "delimiter", "datePattern", "kind", "fields", "attributes");
    private static final Set<String> TEXT_FIELDS = Set.of("orderNo", "txnId", "refundNo", "currency", "status",
            "store", "paymentMethod", "category");
    private static final Set<String> FIELDS = Set.of("orderNo", "txnId", "refundNo", "amount", "fee", "currency",
            "status", "occurredAt", "store", "paymentMethod", "category", "businessDate");

    private MappingReader() {
    }

    static Mapping read(String source, InputStream yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidMappingException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        Node top = new Node(source, "", root);
        top.keys(TOP);
        String formatId = top.required("format").text();
        if (!formatId.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw top.get("format").invalid("'" + formatId + "' is not a format id like jd-settlement");
        }
        List<String> recognise = top.required("recognise").texts();
        if (recognise.isEmpty()) {
            throw top.get("recognise").invalid("names no header");
        }
        Node fields = top.required("fields");
        fields.keys(FIELDS);
        if (!fields.get("orderNo").present() && !fields.get("txnId").present()) {
            throw new InvalidMappingException(source + ": missing required key 'fields.orderNo' or 'fields.txnId'");
        }
        String datePattern = top.get("datePattern").present() ? top.get("datePattern").text() : DEFAULT_TIME;

        Map<String, Value> text = new LinkedHashMap<>();
        for (String name : TEXT_FIELDS) {
            Node field = fields.get(name);
            if (field.present()) {
                text.put(name, value(field));
            }
        }
        Node feeNode = fields.get("fee");
        Node dateNode = fields.get("businessDate");
        return new Mapping(source, formatId, recognise, encoding(top.get("encoding")), skipLines(top.get("skipLines")),
                delimiter(top.get("delimiter")), kind(top.required("kind")), text, money(fields.required("amount")),
                feeNode.present() ? money(feeNode) : null, time(fields.required("occurredAt"), datePattern),
                dateNode.present() ? time(dateNode, "yyyy-MM-dd") : null, attributes(top.get("attributes")));
    }

    private static Charset encoding(Node node) {
        if (!node.present()) {
            return null;
        }
        return switch (node.text().toUpperCase(Locale.ROOT)) {
            case "AUTO" -> null;
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "GB2312", "GB18030" -> ChannelFile.gbk();
            default -> throw node.invalid("'" + node.text() + "' is not one of UTF-8, GBK, auto");
        };
    }

    private static int skipLines(Node node) {
        if (!node.present()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(node.text());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.invalid("'" + node.text() + "' is not a number of lines (0 or more)");
    }

    private static char delimiter(Node node) {
        if (!node.present()) {
            return ',';
        }
        String d = node.text().equals("\\t") ? "\t" : node.text();
        if (d.length() != 1 || d.charAt(0) == '"') {
            throw node.invalid("'" + node.text() + "' is not a single delimiter character");
        }
        return d.charAt(0);
    }

    private static Attributes attributes(Node node) {
        if (!node.present()) {
            return new Attributes(true, List.of());
        }
        if (node.isList()) {
            return new Attributes(false, node.texts());
        }
        return switch (node.text()) {
            case "all" -> new Attributes(true, List.of());
            case "none" -> new Attributes(false, List.of());
            default -> throw node.invalid("'" + node.text() + "' is not all, none or a list of column names");
        };
    }

    /** A constant kind, a column with a value map, or a list of rules. */
    private static List<KindRule> kind(Node node) {
        if (node.isList()) {
            List<KindRule> rules = new ArrayList<>();
            for (Node rule : node.list()) {
                rule.keys(Set.of("when", "amountSign", "is"));
                Map<String, Set<String>> when = new LinkedHashMap<>();
                Node whenNode = rule.get("when");
                if (whenNode.present()) {
                    for (String column : whenNode.keys(null)) {
                        when.put(column, new LinkedHashSet<>(whenNode.get(column).texts()));
                    }
                }
                Node sign = rule.get("amountSign");
                rules.add(new KindRule(when, sign.present() ? sign(sign) : null, recordKind(rule.required("is"))));
            }
            if (rules.isEmpty()) {
                throw node.invalid("has no rules");
            }
            return rules;
        }
        if (node.isMap()) {
            node.keys(Set.of("column", "values"));
            String column = node.required("column").text();
            Node values = node.required("values");
            List<KindRule> rules = new ArrayList<>();
            for (String value : values.keys(null)) {
                rules.add(new KindRule(Map.of(column, Set.of(value)), null, recordKind(values.get(value))));
            }
            return rules;
        }
        return List.of(new KindRule(Map.of(), null, recordKind(node)));
    }

    private static RecordKind recordKind(Node node) {
        try {
            return RecordKind.valueOf(node.text());
        } catch (IllegalArgumentException e) {
            throw node.invalid("'" + node.text() + "' is not one of " + Arrays.toString(RecordKind.values()));
        }
    }

    private static Sign sign(Node node) {
        try {
            return Sign.valueOf(node.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.invalid("'" + node.text() + "' is not one of positive, negative, zero");
        }
    }

    private static Value value(Node node) {
        if (!node.isMap()) {
            return new Value(node.text(), null, null, null, null);
        }
        node.keys(Set.of("column", "columns", "template", "constant", "values"));
        node.exactlyOne("column", "columns", "template", "constant");
        Node values = node.get("values");
        Map<String, String> map = null;
        if (values.present()) {
            map = new LinkedHashMap<>();
            for (String key : values.keys(null)) {
                map.put(key, values.get(key).text());
            }
        }
        return new Value(node.optionalText("column"), node.get("columns").present() ? node.get("columns").texts() : null,
                node.optionalText("template"), node.optionalText("constant"), map);
    }

    private static Money money(Node node) {
        if (!node.isMap()) {
            return new Money(node.text(), null, null, null, null);
        }
        node.keys(Set.of("column", "columns", "income", "expense", "direction"));
        boolean twoColumns = node.get("income").present() || node.get("expense").present();
        if (twoColumns) {
            node.required("income");
            node.required("expense");
        }
        long sources = (node.get("column").present() ? 1 : 0) + (node.get("columns").present() ? 1 : 0)
                + (twoColumns ? 1 : 0);
        if (sources != 1) {
            throw node.invalid("needs exactly one of column, columns, or income with expense");
        }
        Direction direction = null;
        Node d = node.get("direction");
        if (d.present()) {
            d.keys(Set.of("column", "income", "expense"));
            direction = new Direction(d.required("column").text(), new LinkedHashSet<>(d.required("income").texts()),
                    new LinkedHashSet<>(d.required("expense").texts()));
        }
        return new Money(node.optionalText("column"), node.get("columns").present() ? node.get("columns").texts() : null,
                node.optionalText("income"), node.optionalText("expense"), direction);
    }

    private static Time time(Node node, String defaultPattern) {
        String column;
        String pattern = defaultPattern;
        if (node.isMap()) {
            node.keys(Set.of("column", "pattern"));
            column = node.required("column").text();
            if (node.get("pattern").present()) {
                pattern = node.get("pattern").text();
            }
        } else {
            column = node.text();
        }
        try {
            // STRICT resolving rejects 2026-11-31; it needs the proleptic year 'u' instead of year-of-era 'y'
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'))
                    .withResolverStyle(ResolverStyle.STRICT);
            return new Time(column, pattern, formatter);
        } catch (IllegalArgumentException e) {
            throw node.invalid("date pattern '" + pattern + "' is not valid: " + e.getMessage());
        }
    }

    /** A YAML value with its path in the file, for messages. */
    private record Node(String source, String path, Object value) {

        boolean present() {
            return value != null;
        }

        boolean isMap() {
            return value instanceof Map;
        }

        boolean isList() {
            return value instanceof List;
        }

        Node get(String key) {
            Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
            return new Node(source, path.isEmpty() ? key : path + "." + key, child);
        }

        Node required(String key) {
            Node child = get(key);
            if (!child.present()) {
                throw new InvalidMappingException(source + ": missing required key '" + child.path + "'");
            }
            return child;
        }

        String optionalText(String key) {
            Node child = get(key);
            return child.present() ? child.text() : null;
        }

        /** The map's keys, each checked against {@code allowed} (null: any key). */
        List<String> keys(Set<String> allowed) {
            if (!(value instanceof Map<?, ?> map)) {
                throw invalid("must be a map of keys to values");
            }
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                String k = String.valueOf(key);
                if (allowed != null && !allowed.contains(k)) {
                    throw new InvalidMappingException(source + ": unknown key '" + (path.isEmpty() ? k : path + "." + k)
                            + "'; expected one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
                }
                keys.add(k);
            }
            return keys;
        }

        void exactlyOne(String... keys) {
            long n = Arrays.stream(keys).filter(k -> get(k).present()).count();
            if (n != 1) {
                throw invalid("needs exactly one of " + String.join(", ", keys));
            }
        }

        String text() {
            if (value instanceof Map || value instanceof List || value == null) {
                throw invalid("must be a single value");
            }
            return String.valueOf(value).strip();
        }

        /** A single value or a list of them. */
        List<String> texts() {
            if (value instanceof List<?> list) {
                return list.stream().map(v -> new Node(source, path, v).text()).toList();
            }
            return List.of(text());
        }

        List<Node> list() {
            List<?> list = (List<?>) value;
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(new Node(source, path + "[" + i + "]", list.get(i)));
            }
            return out;
        }

        InvalidMappingException invalid(String problem) {
            return new InvalidMappingException(source + ": '" + path + "' " + problem);
        }
    }
}
