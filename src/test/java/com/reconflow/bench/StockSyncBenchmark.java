package com.reconflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.reconflow.stock.MovementRequest;
import com.reconflow.stock.MovementType;
import com.reconflow.stock.StockLedger;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sync to channels under load: {@code bench.rate} (100) stock changes per second for {@code bench.seconds} (30)
 * over {@code bench.skus} (200) SKUs, pushed to {@code bench.channels} (3) channels, each a real HTTP server on
 * loopback (the JDK's), through the outbox and the Camel routes as configured in production (period 200 ms).
 *
 * <p>Every change moves the SKU's available figure (receipts and sales of 1 to 3 against a large stock, above every
 * buffer), so the k-th change of a SKU is its channel row's seq k. A channel holds a change once it has received
 * that SKU with a seq of at least k, in the push of that very figure or of a later one (coalesced). Per change the
 * time from the call that records it until the last channel holds it; prints p50, p99, max, and the requests each
 * channel received. {@code -Dbench.db=h2|mysql} (default h2).
 */
public final class StockSyncBenchmark {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final String LOCATION = "WH-BENCH";

    private StockSyncBenchmark() {
    }

    /** One channel's server: for each SKU, when it first held each seq. */
    private static final class Channel {
        final String name;
        final HttpServer server;
        final Map<String, long[]> heldAt = new ConcurrentHashMap<>();
        final AtomicInteger requests = new AtomicInteger();

        Channel(String name, int capacity) throws IOException {
            this.name = name;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.createContext("/stock/", exchange -> {
                long now = System.nanoTime();
                String sku = exchange.getRequestURI().getPath().substring("/stock/".length());
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Matcher m = SEQ.matcher(body);
                if (m.find()) {
                    int seq = Integer.parseInt(m.group(1));
                    long[] held = heldAt.computeIfAbsent(sku, k -> {
                        long[] a = new long[capacity];
                        Arrays.fill(a, -1);
                        return a;
                    });
                    synchronized (held) {
                        for (int k = Math.min(seq, capacity - 1); k >= 1 && held[k] < 0; k--) {
                            held[k] = now;
                        }
                    }
                }
                requests.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
        }

        long heldAt(String sku, int seq) {
            long[] held = heldAt.get(sku);
            return held == null ? -1 : held[seq];
        }

        void stop() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** A recorded change: when the call to record it began and when it returned (committed). */
    private record Change(String sku, int seq, long startedAt, long committedAt) {
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int skuCount = Integer.getInteger("bench.skus", 200);
        int channelCount = Integer.getInteger("bench.channels", 3);
        int total = rate * seconds;
        int capacity = total + 2;

        List<Channel> channels = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            Channel channel = new Channel("ch" + c, capacity);
            channels.add(channel);
            String key = "--recon.stock.channels." + channel.name + ".";
            settings.addAll(List.of(key + "enabled=true", key + "location=" + LOCATION, key + "buffer=" + c,
                    key + "url=http://127.0.0.1:" + channel.server.getAddress().getPort() + "/stock/{sku}"));
        }
        Path work = Files.createTempDirectory("reconflow-bench-sync");
        try (ConfigurableApplicationContext app = BenchApp.start(db, work, settings.toArray(String[]::new))) {
            StockLedger ledger = app.getBean(StockLedger.class);
            List<String> skus = new ArrayList<>();
            for (int s = 0; s < skuCount; s++) {
                String sku = String.format(Locale.ROOT, "BENCH-%04d", s);
                skus.add(sku);
                // seq 1 of every channel: a stock far above any buffer, so every later change moves every figure
                ledger.record(MovementRequest.byUser(sku, LOCATION, MovementType.RECEIPT, 1000, "bench", "bench",
                        null, "bench:start:" + sku));
            }
            awaitHeld(channels, skus, 1, 30);
            System.out.printf(Locale.ROOT, "%s: %d channels, %d SKUs at %s; %d changes/s for %d s%n", db,
                    channelCount, skuCount, LOCATION, rate, seconds);

            Map<String, AtomicInteger> seqs = new ConcurrentHashMap<>();
            skus.forEach(s -> seqs.put(s, new AtomicInteger(1)));
            Change[] changes = new Change[total];
            Random random = new Random(7);
            String[] pickedSku = new String[total];
            int[] quantity = new int[total];
            boolean[] sale = new boolean[total];
            for (int i = 0; i < total; i++) {
                pickedSku[i] = skus.get(random.nextInt(skuCount));
                quantity[i] = 1 + random.nextInt(3);
                sale[i] = random.nextBoolean();
            }
            // Changes of one SKU are recorded one after the other (its seq order is then the order of the calls);
            // different SKUs at once, on a few threads, as orders of many customers come in.
            Map<String, Object> skuLocks = new ConcurrentHashMap<>();
            ExecutorService writers = Executors.newFixedThreadPool(8);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            AtomicLong late = new AtomicLong();
            long periodNanos = 1_000_000_000L / rate;
            long started = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                writers.submit(() -> {
                    String sku = pickedSku[i];
                    Object lock = skuLocks.computeIfAbsent(sku, k -> new Object());
                    synchronized (lock) {
                        long t = System.nanoTime();
                        if (t - (started + i * periodNanos) > 100_000_000L) {
                            late.incrementAndGet();
                        }
                        ledger.record(MovementRequest.byUser(sku, LOCATION, sale[i] ? MovementType.SALE
                                : MovementType.RECEIPT, quantity[i], "bench-" + i, "bench", null, "bench:" + i));
                        changes[i] = new Change(sku, seqs.get(sku).incrementAndGet(), t, System.nanoTime());
                    }
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (next.get() < total) {
                Thread.sleep(50);
            }
            ticker.shutdown();
            writers.shutdown();
            writers.awaitTermination(60, TimeUnit.SECONDS);
            double driveSeconds = (System.nanoTime() - started) / 1e9;

            // Wait for every channel to hold every SKU's last change.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean complete = false;
            while (!complete && System.nanoTime() < waitUntil) {
                complete = true;
                for (String sku : skus) {
                    int last = seqs.get(sku).get();
                    for (Channel channel : channels) {
                        if (channel.heldAt(sku, last) < 0) {
                            complete = false;
                        }
                    }
                }
                if (!complete) {
                    Thread.sleep(100);
                }
            }
            long[] latencies = new long[total];
            long[] writes = new long[total];
            long[] afterCommit = new long[total];
            int missing = 0;
            for (int i = 0; i < total; i++) {
                Change change = changes[i];
                long worst = 0;
                for (Channel channel : channels) {
                    long held = channel.heldAt(change.sku(), change.seq());
                    if (held < 0) {
                        missing++;
                        worst = Long.MAX_VALUE;
                        break;
                    }
                    worst = Math.max(worst, held - change.startedAt());
                }
                latencies[i] = worst;
                writes[i] = change.committedAt() - change.startedAt();
                afterCommit[i] = worst == Long.MAX_VALUE ? worst : Math.max(0, worst - writes[i]);
            }
            Arrays.sort(latencies);
            Arrays.sort(writes);
            Arrays.sort(afterCommit);
            int requests = channels.stream().mapToInt(c -> c.requests.get()).sum() - skuCount * channelCount;
            System.out.printf(Locale.ROOT, "%d changes in %.1f s (%.1f/s, %d started >100 ms late), "
                            + "%d never held by every channel%n", total, driveSeconds, total / driveSeconds,
                    late.get(), missing);
            System.out.printf(Locale.ROOT, "until every channel holds the change: p50 %d ms, p99 %d ms, max %d ms "
                            + "(target p99 <= 2000 ms)%n", ms(latencies[total / 2]),
                    ms(latencies[(int) Math.ceil(total * 0.99) - 1]), ms(latencies[total - 1]));
            System.out.printf(Locale.ROOT, "  of which recording the change (until committed): p50 %d ms, p99 %d ms; "
                            + "from the commit: p50 %d ms, p99 %d ms%n", ms(writes[total / 2]),
                    ms(writes[(int) Math.ceil(total * 0.99) - 1]), ms(afterCommit[total / 2]),
                    ms(afterCommit[(int) Math.ceil(total * 0.99) - 1]));
            System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f at the end%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "requests to the channels: %d for %d channel figures (%.2f per change "
                            + "and channel: coalesced)%n", requests, total * channelCount,
                    requests / (double) (total * channelCount));
        } finally {
            channels.forEach(Channel::stop);
            BenchApp.delete(work);
        }
    }

    private static long ms(long nanos) {
        return nanos == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void awaitHeld(List<Channel> channels, List<String> skus, int seq, int seconds)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            boolean all = true;
            for (String sku : skus) {
                for (Channel channel : channels) {
                    all &= channel.heldAt(sku, seq) >= 0;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the channels did not receive the starting figures within " + seconds + " s");
    }
}
