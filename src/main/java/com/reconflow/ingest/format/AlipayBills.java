package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Lines.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What Alipay's merchant bills (业务明细, 账务明细) share: a {@code #} preamble, a header, the rows, a
 * {@code #} footer with totals, and the downloaded {@code csv.zip} whose member names are GBK.
 */
final class AlipayBills {

    /** A footer amount like {@code 0.06} or {@code -1,234.00}. */
    static final String AMOUNT = "(-?[\\d,]+(?:\\.\\d+)?)";

    private AlipayBills() {
    }

    static boolean isComment(Line line) {
        return line.text().strip().startsWith("#");
    }

    /** Whether a {@code #} line of the file's head starts with {@code title}. */
    static boolean hasTitle(ChannelFile file, String title) {
        return Lines.all(file.head()).stream().anyMatch(l -> l.text().strip().startsWith(title));
    }

    /** Skips the preamble: the first line that is neither blank nor a {@code #} comment, or null. */
    static Line header(Lines lines) {
        for (Line l = lines.next(); l != null; l = lines.next()) {
            if (!l.blank() && !isComment(l)) {
                return l;
            }
        }
        return null;
    }

    /** The {@code #} lines after the rows; only they and blank lines may follow the detail list. */
    static List<Line> footer(String fileName, Lines lines) {
        List<Line> footer = new ArrayList<>();
        for (Line l = lines.next(); l != null; l = lines.next()) {
            if (l.blank()) {
                continue;
            }
            if (!isComment(l)) {
                throw new FileRejectedException(fileName + " is corrupt: line " + l.no()
                        + " is a data row after the end of the detail list");
            }
            if (footer.size() < 100) { // a real footer has a handful of lines
                footer.add(l);
            }
        }
        return footer;
    }

    /** The first footer line the pattern matches at its start, or null. */
    static Matcher find(Pattern pattern, List<Line> footer) {
        return footer.stream().map(l -> pattern.matcher(l.text().strip())).filter(Matcher::lookingAt).findFirst()
                .orElse(null);
    }

    static BigDecimal footerAmount(String fileName, String value) {
        try {
            return Cells.decimal("footer", value).setScale(2, RoundingMode.HALF_UP);
        } catch (BadValue e) {
            throw new FileRejectedException(fileName + " is corrupt: footer amount '" + value + "' is not a number");
        }
    }

    /** Whether the file is a zip holding a CSV member whose name contains {@code kind} (and is not the 汇总 one). */
    static boolean zipHolds(ChannelFile file, String kind) {
        return Zips.names(file).stream().anyMatch(n -> isMember(n, kind));
    }

    /**
     * Parses the bill's CSV member of a downloaded {@code csv.zip}, named {@code archive!/member}. The member
     * is streamed to a temporary file, deleted afterwards, so that it is read like any other file.
     */
    static void parseMember(ChannelFile zipFile, String kind, Consumer<ChannelFile> parse) {
        Path temp;
        try {
            temp = Files.createTempFile("reconflow-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zipFile.fileName(), e);
        }
        try {
            String member;
            try (ZipInputStream zip = new ZipInputStream(zipFile.open(), ChannelFile.gbk())) {
                ZipEntry entry = seek(zip, kind);
                if (entry == null) {
                    throw new FileRejectedException(zipFile.fileName() + ": zip contains no " + kind + " CSV");
                }
                member = entry.getName();
                Files.copy(zip, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | IllegalArgumentException e) {
                throw new FileRejectedException(zipFile.fileName() + ": not a readable zip archive: " + e.getMessage(),
                        e);
            }
            parse.accept(new ChannelFile(zipFile.fileName() + "!/" + member, temp, zipFile.zone()));
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                temp.toFile().deleteOnExit();
            }
        }
    }

    /** Advances to the member named like {@code …_业务明细.csv}, not the {@code (汇总)} one. */
    private static ZipEntry seek(ZipInputStream zip, String kind) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (!e.isDirectory() && isMember(e.getName(), kind)) {
                return e;
            }
        }
        return null;
    }

    private static boolean isMember(String path, String kind) {
        String member = path.substring(path.lastIndexOf('/') + 1);
        return member.contains(kind) && !member.contains("汇总") && member.toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
