package com.reconflow.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font the voucher is written in. Finance reads the voucher in Chinese and the servers have no
 * CJK fonts, so the voucher embeds the glyphs it uses (a subset) from a TrueType font: by default
 * WenQuanYi Micro Hei (Apache-2.0), shipped in {@code fonts/}; {@code recon.archive.voucher-font}
 * names another. PDFBox embeds TrueType outlines only, not the CFF outlines of most .otf fonts.
 * The file is read once; each voucher parses its own copy, as fonts are not shared between threads.
 */
final class VoucherFont {

    static final String BUNDLED = "fonts/wqy-microhei.ttc";
    /** The PostScript name of the collection's proportional face; its other face is monospaced. */
    static final String BUNDLED_NAME = "WenQuanYiMicroHei";

    private final String origin;
    private final String name;
    private final byte[] bytes;

    private VoucherFont(String origin, String name, byte[] bytes) {
        this.origin = origin;
        this.name = name;
        this.bytes = bytes;
    }

    /** The configured font, checked at once: a font PDFBox cannot embed fails the start, not the archive. */
    static VoucherFont of(ArchiveProperties properties) {
        VoucherFont font;
        try {
            if (properties.voucherFont().isEmpty()) {
                try (InputStream in = VoucherFont.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException("the voucher font " + BUNDLED + " is missing from the classpath");
                    }
                    font = new VoucherFont("classpath:" + BUNDLED, BUNDLED_NAME, in.readAllBytes());
                }
            } else {
                Path path = Path.of(properties.voucherFont());
                font = new VoucherFont(path.toString(), properties.voucherFontName(), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the voucher font could not be read", e);
        }
        try (PDDocument probe = new PDDocument()) {
            font.load(probe).encode("对账凭证 0123456789");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the voucher font " + font.origin + " cannot write a voucher: it must be "
                    + "a TrueType font (not CFF/OpenType outlines) with Chinese glyphs: " + e.getMessage(), e);
        }
        return font;
    }

    /** The font for one document, embedded as a subset of the glyphs that document uses. */
    PDType0Font load(PDDocument document) throws IOException {
        TrueTypeFont ttf = parse();
        if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
            ttf.close();
            throw new IOException(origin + " has CFF (PostScript) outlines");
        }
        // The subset is read from the font when the document is saved; the document closes it after.
        document.registerTrueTypeFontForClosing(ttf);
        return PDType0Font.load(document, ttf, true);
    }

    private TrueTypeFont parse() throws IOException {
        if (!isCollection()) {
            return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        }
        // A font of a collection reads from the collection's buffer, which stays with the font.
        TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(bytes));
        if (!name.isEmpty()) {
            TrueTypeFont named = collection.getFontByName(name);
            if (named == null) {
                throw new IOException(origin + " holds no font named " + name);
            }
            return named;
        }
        AtomicReference<TrueTypeFont> first = new AtomicReference<>();
        collection.processAllFonts(f -> first.compareAndSet(null, f));
        if (first.get() == null) {
            throw new IOException(origin + " holds no font");
        }
        return first.get();
    }

    /** A TrueType collection starts with the tag "ttcf". */
    private boolean isCollection() {
        return bytes.length > 4 && bytes[0] == 't' && bytes[1] == 't' && bytes[2] == 'c' && bytes[3] == 'f';
    }
}
