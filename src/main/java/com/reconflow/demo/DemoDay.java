package com.reconflow.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A generated business day: the channel files to drop into the inbox and the discrepancies that
 * were planted in them (everything else in the files reconciles).
 */
public record DemoDay(LocalDate businessDate, List<DemoFile> files, List<ExpectedDiscrepancy> discrepancies) {

    public DemoDay {
        files = List.copyOf(files);
        discrepancies = List.copyOf(discrepancies);
    }

    /** The file of one source ({@code jd}, {@code douyin}, {@code miniprogram}, {@code wechatpay}, {@code alipay}). */
    public Optional<DemoFile> file(String source) {
        return files.stream().filter(f -> f.source().equals(source)).findFirst();
    }
}
