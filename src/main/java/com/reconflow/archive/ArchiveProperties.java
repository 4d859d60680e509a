package com.reconflow.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.archive.*}.
 *
 * @param voucherFont     a TrueType font (.ttf, or a .ttc collection) with the CJK glyphs the voucher
 *                        needs; blank for the font that ships with ReconFlow (WenQuanYi Micro Hei)
 * @param voucherFontName the PostScript name of the font within a .ttc collection (e.g. WenQuanYiMicroHei); blank
 *                        for its first font
 */
@ConfigurationProperties(prefix = "recon.archive")
record ArchiveProperties(String voucherFont, String voucherFontName) {

    ArchiveProperties {
        voucherFont = voucherFont == null ? "" : voucherFont.trim();
        voucherFontName = voucherFontName == null ? "" : voucherFontName.trim();
    }
}
