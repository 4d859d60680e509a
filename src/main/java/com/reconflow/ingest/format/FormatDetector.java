package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import java.util.List;
import java.util.stream.Collectors;

/** Picks the parser for a file by its content, never by its name. */
public final class FormatDetector {

    private final List<ChannelFileParser> parsers;

    public FormatDetector(List<ChannelFileParser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    /** One instance of every built-in parser. */
    public static List<ChannelFileParser> all() {
        return List.of(new ChannelOrdersParser(), new WechatPayTradeBillParser(), new AlipayBusinessDetailParser(),
                new AlipayAccountDetailParser(), new TaobaoOrderExportParser(), new CardAcquirerParser());
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

    private static String firstLine(ChannelFile file) {
        if (file.isZip()) {
            return "(a zip archive)";
        }
        String line = Lines.all(file.head()).stream().map(Lines.Line::text).filter(l -> !l.isBlank()).findFirst()
                .orElse("").strip().replaceAll("\\p{Cntrl}", "?");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
