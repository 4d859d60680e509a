package com.reconflow.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.reconflow.demo.DayModel.CarriedPayment;

/**
 * Generates realistic business days of the demo retailer, for the demo installation, tests and
 * benchmarks: the order exports of its channels ({@code jd}, {@code douyin}, {@code miniprogram},
 * {@code pos}), the bills of its payment providers ({@code wechatpay}, {@code alipay}, {@code card})
 * and the bank statement of the next day with each provider's payout ({@code bank}), in the real
 * layouts of FORMATS.md and the samples, with the {@link GroundTruth} of what reconciliation should
 * find in them; and the warehouse's {@code stock-movements} file with planted stock differences and their
 * ground truth ({@link StockDay}).
 *
 * <p>Most orders are ordinary sales, paid once and matched one to one. Among them, in proportion to
 * the day's size, it plants every kind of match that needs no people (split and combined payments,
 * rounding differences, refunds, cancelled and cash orders, late orders whose payment is booked after
 * midnight), every discrepancy code of the contract, and pairs only the fallback rule can propose.
 *
 * <p>Deterministic: the same date, seed and size give the same bytes. Time and memory grow linearly
 * with the size; {@link #writeTo} streams a day of a million orders to disk in seconds.
 */
public final class SyntheticDayGenerator {

    /** The size of the demo installation's day. */
    public static final int DEMO_ORDERS = 300;
    public static final int MIN_ORDERS = 100;
    public static final int MAX_ORDERS = 2_000_000;

    private final boolean proposals;

    /** A generator planting every case, pairs for the fallback rule included. */
    public SyntheticDayGenerator() {
        this(true);
    }

    private SyntheticDayGenerator(boolean proposals) {
        this.proposals = proposals;
    }

    /**
     * Leaves out the orders whose payment carries a mistyped merchant order number (and which show no
     * serial): pairs that only the fallback rule (same amount and provider, minutes apart) proposes,
     * and that a matcher without it raises as a missing payment and a missing order.
     */
    public SyntheticDayGenerator withoutProposals() {
        return new SyntheticDayGenerator(false);
    }

    /** A demo-sized day (about 300 orders). */
    public DemoDay generate(LocalDate businessDate, long seed) {
        return generate(businessDate, seed, DEMO_ORDERS);
    }

    /**
     * A day of {@code orders} orders, standing on its own: nothing in its bills comes from the day
     * before; its late orders wait for a next day that is not generated.
     */
    public DemoDay generate(LocalDate businessDate, long seed, int orders) {
        return generateDays(businessDate, 1, seed, orders).get(0);
    }

    /**
     * Consecutive days: each day's bills also carry the payments the day before's late orders got
     * after midnight, so the second day's run matches them as timing differences. The first day is the
     * same as {@link #generate(LocalDate, long, int)} gives; a later day differs from it by those rows.
     */
    public List<DemoDay> generateDays(LocalDate first, int days, long seed, int orders) {
        checkSize(orders);
        List<DemoDay> result = new ArrayList<>(days);
        List<CarriedPayment> incoming = List.of();
        for (int i = 0; i < days; i++) {
            LocalDate date = first.plusDays(i);
            DayModel day = DayModel.generate(date, seed, orders, proposals, incoming);
            Map<String, ByteArrayOutputStream> buffers = new LinkedHashMap<>();
            List<DayFiles.Written> written = write(day, (source, name) -> {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                buffers.put(source + "/" + name, buffer);
                return buffer;
            });
            List<DemoFile> files = written.stream().map(w -> new DemoFile(w.source(), w.fileName(),
                    buffers.get(w.source() + "/" + w.fileName()).toByteArray())).toList();
            result.add(new DemoDay(date, files, day.truth(), StockMovements.of(day)));
            incoming = day.carried();
        }
        return result;
    }

    /**
     * Writes a day straight to disk, streaming: the files as {@code <dir>/<source>/<file name>} (the
     * inbox layout) and the ground truth ({@value GroundTruth#CASES_FILE},
     * {@value GroundTruth#TOTALS_FILE}, {@value StockDay#TRUTH_FILE}) in {@code dir} itself. Every case planted.
     */
    public static GroundTruth writeTo(Path dir, LocalDate businessDate, long seed, int orders) {
        return new SyntheticDayGenerator().write(dir, businessDate, seed, orders);
    }

    /** {@link #writeTo} with this generator's options. */
    public GroundTruth write(Path dir, LocalDate businessDate, long seed, int orders) {
        checkSize(orders);
        DayModel day = DayModel.generate(businessDate, seed, orders, proposals, List.of());
        write(day, (source, name) -> Files.newOutputStream(Files.createDirectories(dir.resolve(source)).resolve(name)));
        day.truth().writeTo(dir);
        StockMovements.of(day).writeTo(dir);
        return day.truth();
    }

    /**
     * Writes one day into a directory and prints how long it took:
     * {@code SyntheticDayGenerator <dir> [orders=1000000] [date=2025-06-02] [seed=1]}.
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SyntheticDayGenerator <dir> [orders=1000000] [date=2025-06-02] [seed=1]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int orders = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000_000;
        LocalDate date = args.length > 2 ? LocalDate.parse(args[2]) : LocalDate.of(2025, 6, 2);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        long started = System.nanoTime();
        GroundTruth truth = writeTo(dir, date, seed, orders);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %,d orders of %s (seed %d) into %s in %.2f s: %,d planted cases%n",
                orders, date, seed, dir.toAbsolutePath(), seconds, truth.cases().size());
    }

    private static List<DayFiles.Written> write(DayModel day, DayFiles.Target target) {
        try {
            return new DayFiles(day).writeAll(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the files of " + day.date, e);
        }
    }

    private static void checkSize(int orders) {
        if (orders < MIN_ORDERS || orders > MAX_ORDERS) {
            throw new IllegalArgumentException("a generated day has " + MIN_ORDERS + " to " + MAX_ORDERS
                    + " orders, not " + orders);
        }
    }
}
