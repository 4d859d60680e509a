package com.reconflow.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code recon.archive.*}.
 *
 * @param voucherFont     a TrueType font (.ttf, or a .ttc collection) with the CJK glyphs the voucher
 *                        needs; blank for the font that ships with ReconFlow (WenQuanYi Micro Hei)
 * @param voucherFontName the PostScript name of the font within a .ttc collection (e.g. WenQuanYiMicroHei); blank
 *                        for its first font
 * @param reportPartSize  the workbook is stored in parts of this size, each one statement: keep it well
 *                        below the database server's max_allowed_packet
 */
@ConfigurationProperties(prefix = "recon.archive")
record ArchiveProperties(String voucherFont, String voucherFontName, DataSize reportPartSize) {

    ArchiveProperties {
        voucherFont = voucherFont == null ? "" : voucherFont.trim();
        voucherFontName = voucherFontName == null ? "" : voucherFontName.trim();
        reportPartSize = reportPartSize == null ? DataSize.ofMegabytes(4) : reportPartSize;
        if (reportPartSize.toBytes() < 1 || reportPartSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("recon.archive.report-part-size must be between 1 byte and 2 GB");
        }
    }
}
