package com.reconflow.ingest.format;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Looks into zip archives for recognising layouts: only the central directory is read, not the members. */
final class Zips {

    private Zips() {
    }

    /** The member names (GBK unless the archive flags UTF-8), or none when the file is not a readable zip. */
    static List<String> names(ChannelFile file) {
        if (!file.isZip()) {
            return List.of();
        }
        try (ZipFile zip = new ZipFile(file.path().toFile(), ChannelFile.gbk())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
