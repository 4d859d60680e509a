package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Picks the parser for a file by its content, never by its name. */
public final class FormatDetector {

    private final List<ChannelFileParser> parsers;

    /** @throws IllegalArgumentException when two parsers claim the same format id */
    public FormatDetector(List<ChannelFileParser> parsers) {
        this.parsers = List.copyOf(parsers);
        Map<String, ChannelFileParser> byId = new HashMap<>();
        for (ChannelFileParser p : this.parsers) {
            ChannelFileParser other = byId.putIfAbsent(p.formatId(), p);
            if (other != null) {
                throw new IllegalArgumentException("format id '" + p.formatId() + "' is claimed twice: by "
                        + describe(other) + " and by " + describe(p));
            }
        }
    }

    /** The built-in layouts and the column mappings shipped with the application. */
    public static FormatDetector standard() {
        return new FormatDetector(all());
    }

    /**
     * The standard layouts plus the column mappings ({@code *.yaml}, {@code *.yml}) in {@code mappingsDir};
     * a null folder adds none.
     *
     * @throws InvalidMappingException when a mapping file is invalid or the folder does not exist
     * @throws IllegalArgumentException when a mapping takes a format id that is already used
     */
    public static FormatDetector withMappings(Path mappingsDir) {
        List<ChannelFileParser> parsers = new ArrayList<>(all());
        if (mappingsDir != null) {
            Mapping.folder(mappingsDir).forEach(m -> parsers.add(new MappedLayoutParser(m)));
        }
        return new FormatDetector(parsers);
    }

    /** One instance of every built-in parser and one per shipped column mapping. */
    public static List<ChannelFileParser> all() {
        List<ChannelFileParser> parsers = new ArrayList<>(List.of(new ChannelOrdersParser(),
                new WechatPayTradeBillParser(), new AlipayBusinessDetailParser(), new AlipayAccountDetailParser(),
                new TaobaoOrderExportParser(), new CardAcquirerParser(), new Camt053Parser(), new Mt940Parser()));
        Mapping.shipped().forEach(m -> parsers.add(new MappedLayoutParser(m)));
        return List.copyOf(parsers);
    }

    /** Every format id this detector knows. */
    public List<String> formatIds() {
        return parsers.stream().map(ChannelFileParser::formatId).toList();
    }

    /** The single parser that recognises the file; an unknown or ambiguous layout is rejected. */
    public ChannelFileParser detect(ChannelFile file) {
        if (file.headBytes().length == 0 || (!file.isZip() && file.head().isBlank())) {
            throw new FileRejectedException("file " + file.fileName() + " is empty");
        }
        List<ChannelFileParser> matches = parsers.stream().filter(p -> p.recognises(file)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new FileRejectedException("file " + file.fileName() + ": unknown layout, first line: "
                    + firstLine(file));
        }
        throw new FileRejectedException("file " + file.fileName() + ": ambiguous layout, recognised as "
                + matches.stream().map(ChannelFileParser::formatId).collect(Collectors.joining(", ")));
    }

    public ChannelFileParser byId(String formatId) {
        return parsers.stream().filter(p -> p.formatId().equals(formatId)).findFirst()
                .orElseThrow(() -> new FileRejectedException("unknown format id '" + formatId + "' (known: "
                        + parsers.stream().map(ChannelFileParser::formatId).collect(Collectors.joining(", ")) + ")"));
    }

    private static String describe(ChannelFileParser parser) {
        return parser instanceof MappedLayoutParser mapped ? "the mapping " + mapped.mapping().source()
                : "the built-in " + parser.getClass().getSimpleName();
    }

    private static String firstLine(ChannelFile file) {
        if (file.isZip()) {
            return "(a zip archive)";
        }
        String line = Lines.all(file.head()).stream().map(Lines.Line::text).filter(l -> !l.isBlank()).findFirst()
                .orElse("").strip().replaceAll("\\p{Cntrl}", "?");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
