package com.reconflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A generated business day held in memory: the files to drop into the inbox and the ground truth
 * of what reconciliation should make of them, and apart from them the warehouse's stock movements with
 * the stock differences planted in them.
 */
public record DemoDay(LocalDate businessDate, List<DemoFile> files, GroundTruth truth, StockDay stock) {

    public DemoDay {
        files = List.copyOf(files);
    }

    /** The discrepancies planted in the day, as the run reports them. */
    public List<ExpectedDiscrepancy> discrepancies() {
        return truth.discrepancies();
    }

    /**
     * The file of one source: {@code jd}, {@code douyin}, {@code miniprogram}, {@code pos},
     * {@code wechatpay}, {@code alipay}, {@code card}, {@code bank}.
     */
    public Optional<DemoFile> file(String source) {
        return files.stream().filter(f -> f.source().equals(source)).findFirst();
    }

    /** The sources of the day's files, in the order they were written. */
    public List<String> sources() {
        return files.stream().map(DemoFile::source).distinct().toList();
    }

    /**
     * Writes the files as {@code <dir>/<source>/<file name>} and the ground truth beside them; the stock
     * movements as {@code <dir>/warehouse/<file name>} with {@value StockDay#TRUTH_FILE}.
     */
    public void writeTo(Path dir) {
        try {
            for (DemoFile file : files) {
                Files.write(Files.createDirectories(dir.resolve(file.source())).resolve(file.fileName()), file.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the day's files into " + dir, e);
        }
        truth.writeTo(dir);
        stock.writeTo(dir);
    }
}
