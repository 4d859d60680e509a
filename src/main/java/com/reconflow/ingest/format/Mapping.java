package com.reconflow.ingest.format;

import com.reconflow.ingest.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A declarative column mapping: how to read one more CSV/XLSX layout into canonical records without
 * code, loaded from a YAML file (see {@code docs/column-mappings.md} for the keys). Read by
 * {@link MappedLayoutParser}.
 */
public final class Mapping {

    /** The mappings shipped with the application, as {@code formats/<name>} on the classpath. */
    static final List<String> SHIPPED = List.of("jd-settlement.yaml", "douyin-settlement.yaml");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    /** Where a text value comes from: a column, the first non-empty of several, a template or a constant. */
    record Value(String column, List<String> columns, String template, String constant, Map<String, String> values) {
        List<String> referenced() {
            if (column != null) {
                return List.of(column);
            }
            if (columns != null) {
                return columns;
            }
            if (template != null) {
                List<String> names = new ArrayList<>();
                Matcher m = PLACEHOLDER.matcher(template);
                while (m.find()) {
                    names.add(m.group(1));
                }
                return names;
            }
            return List.of();
        }

        /** The column named in messages about this value. */
        String field(String key) {
            List<String> refs = referenced();
            return refs.isEmpty() ? key : refs.get(0);
        }
    }

    /** Which rows move money out: by a column's values; the amount's sign follows. */
    record Direction(String column, Set<String> income, Set<String> expense) {
    }

    /**
     * Where an amount comes from: one column (sign as written), several added up, or an income and an
     * expense column of which one is filled; a direction column may set the sign.
     */
    record Money(String column, List<String> sum, String income, String expense, Direction direction) {
        List<String> referenced() {
            List<String> names = new ArrayList<>();
            if (column != null) {
                names.add(column);
            }
            if (sum != null) {
                names.addAll(sum);
            }
            Stream.of(income, expense).filter(n -> n != null).forEach(names::add);
            if (direction != null) {
                names.add(direction.column());
            }
            return names;
        }

        String field() {
            return column != null ? column : sum != null ? sum.get(0) : income;
        }
    }

    /** A time or date column with its pattern. */
    record Time(String column, String pattern, DateTimeFormatter formatter) {
    }

    enum Sign { POSITIVE, NEGATIVE, ZERO }

    /** A row is of kind {@code is} when every {@code when} column holds one of its values and the amount has the sign. */
    record KindRule(Map<String, Set<String>> when, Sign amountSign, RecordKind is) {
    }

    /** Which columns not mapped to a field are kept on the record. */
    record Attributes(boolean all, List<String> named) {
    }

    private final String source;
    private final String formatId;
    private final List<String> recognise;
    private final Charset charset;
    private final int skipLines;
    private final char delimiter;
    private final List<KindRule> kind;
    private final Map<String, Value> text;
    private final Money amount;
    private final Money fee;
    private final Time occurredAt;
    private final Time businessDate;
    private final Attributes attributes;

    Mapping(String source, String formatId, List<String> recognise, Charset charset, int skipLines, char delimiter,
            List<KindRule> kind, Map<String, Value> text, Money amount, Money fee, Time occurredAt, Time businessDate,
            Attributes attributes) {
        this.source = source;
        this.formatId = formatId;
        this.recognise = List.copyOf(recognise);
        this.charset = charset;
        this.skipLines = skipLines;
        this.delimiter = delimiter;
        this.kind = List.copyOf(kind);
        this.text = Map.copyOf(text);
        this.amount = amount;
        this.fee = fee;
        this.occurredAt = occurredAt;
        this.businessDate = businessDate;
        this.attributes = attributes;
    }

    /** Reads a mapping file; an unknown key, a missing required key or a bad value names the file and the key. */
    public static Mapping load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + file, e);
        }
    }

    /** Reads a mapping from YAML; {@code source} names it in errors. */
    public static Mapping load(String source, InputStream yaml) {
        return MappingReader.read(source, yaml);
    }

    /** The mappings shipped with the application. */
    public static List<Mapping> shipped() {
        ClassLoader loader = Mapping.class.getClassLoader();
        return SHIPPED.stream().map(name -> {
            String resource = "formats/" + name;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("shipped mapping " + resource + " is missing from the classpath");
                }
                return load("classpath:" + resource, in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }).toList();
    }

    /** Every {@code *.yaml} / {@code *.yml} file directly in the folder, by file name. */
    public static List<Mapping> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidMappingException("mappings folder " + dir + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(f))
                    .sorted().map(Mapping::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list mappings in " + dir, e);
        }
    }

    /** Where this mapping was read from, for messages. */
    public String source() {
        return source;
    }

    public String formatId() {
        return formatId;
    }

    List<String> recognise() {
        return recognise;
    }

    /** Null: as the file's start suggests (UTF-8, else GBK). */
    Charset charset() {
        return charset;
    }

    int skipLines() {
        return skipLines;
    }

    char delimiter() {
        return delimiter;
    }

    List<KindRule> kind() {
        return kind;
    }

    Value text(String field) {
        return text.get(field);
    }

    Money amount() {
        return amount;
    }

    Money fee() {
        return fee;
    }

    Time occurredAt() {
        return occurredAt;
    }

    Time businessDate() {
        return businessDate;
    }

    Attributes attributes() {
        return attributes;
    }

    /** Every column the mapping reads: the file must have them all. */
    List<String> columns() {
        Set<String> names = new LinkedHashSet<>(recognise);
        kind.forEach(r -> names.addAll(r.when().keySet()));
        text.values().forEach(v -> names.addAll(v.referenced()));
        names.addAll(amount.referenced());
        if (fee != null) {
            names.addAll(fee.referenced());
        }
        names.add(occurredAt.column());
        if (businessDate != null) {
            names.add(businessDate.column());
        }
        if (!attributes.all()) {
            names.addAll(attributes.named());
        }
        return List.copyOf(names);
    }

    /**
     * The columns whose value a field holds as written (not through a template or a value map):
     * {@code attributes: all} keeps every other.
     */
    List<String> fieldColumns() {
        Set<String> names = new LinkedHashSet<>();
        text.values().stream().filter(v -> v.template() == null && v.values() == null)
                .forEach(v -> names.addAll(v.referenced()));
        Stream.of(amount, fee).filter(m -> m != null).forEach(m -> {
            Stream.of(m.column(), m.income(), m.expense()).filter(n -> n != null).forEach(names::add);
            if (m.sum() != null) {
                names.addAll(m.sum());
            }
        });
        names.add(occurredAt.column());
        if (businessDate != null) {
            names.add(businessDate.column());
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "mapping " + formatId + " (" + source + ")";
    }
}
