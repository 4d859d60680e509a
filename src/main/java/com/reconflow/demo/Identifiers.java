package com.reconflow.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The identifiers of one generated day, in each channel's and provider's own shape: order numbers,
 * transaction ids, card reference numbers, refund numbers.
 *
 * <p>Each is a fixed part (a prefix, the date) and digits that are a keyed permutation of a running
 * number: distinct running numbers give distinct identifiers, so a day of a million orders needs no
 * set of the identifiers used so far, and the digits still look random. The key depends on the seed
 * and the date, so two days of one seed share nothing; identifiers of JD and Douyin, which carry no
 * date of their own, embed a day code for the same reason.
 */
final class Identifiers {

    /** Running numbers from here on are reserved for the payments of the previous day's late orders. */
    static final long CARRIED_FROM = 5_000_000L;
    /** Card refunds are card transactions of their own: their reference numbers start here. */
    static final long CARD_REFUNDS_FROM = 6_000_000L;

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final String date;
    private final String dayCode;
    private final String monthDay;
    private final long seed;
    private final Permutation jd;
    private final Permutation douyin;
    private final Permutation miniprogram;
    private final Permutation wechat;
    private final Permutation alipay;
    private final Permutation cardReference;
    private final Permutation wechatRefund;

    Identifiers(LocalDate day, long seed) {
        this.date = day.format(BASIC);
        this.dayCode = String.format("%05d", day.toEpochDay() % 100_000);
        this.monthDay = date.substring(4);
        this.seed = seed;
        long key = Mix.of(seed, day.toEpochDay());
        this.jd = new Permutation(3, Mix.of(key, 1));
        this.douyin = new Permutation(6, Mix.of(key, 2));
        this.miniprogram = new Permutation(4, Mix.of(key, 3));
        this.wechat = new Permutation(5, Mix.of(key, 4));
        this.alipay = new Permutation(8, Mix.of(key, 5));
        this.cardReference = new Permutation(4, Mix.of(key, 6));
        this.wechatRefund = new Permutation(5, Mix.of(key, 7));
    }

    String date() {
        return date;
    }

    /** JD: 12 digits, a 3, the day code, then 6 digits; up to a million orders a day. */
    String jdOrderNo(long n) {
        return "3" + dayCode + jd.digits(n);
    }

    /** Douyin: 69 and 17 digits. */
    String douyinOrderNo(long n) {
        return "69" + dayCode + douyin.digits(n);
    }

    /** The mini-program back end: MP, the date, 8 digits. */
    String miniprogramOrderNo(long n) {
        return "MP" + date + miniprogram.digits(n);
    }

    /** POS: PS, the store's number, the date, the store's running number of the day (samples). */
    String posOrderNo(int store, int n) {
        return String.format("PS%03d%s%05d", store, date, n);
    }

    /** The running number a channel order number was made from, or -1 when it is not one of this day's shape. */
    long runningNumberOf(Channel channel, String orderNo) {
        String prefix = switch (channel) {
            case JD -> "3" + dayCode;
            case DOUYIN -> "69" + dayCode;
            case MINIPROGRAM -> "MP" + date;
            case POS -> null;
        };
        if (prefix == null || !orderNo.startsWith(prefix)) {
            return -1;
        }
        String digits = orderNo.substring(prefix.length());
        Permutation permutation = channel == Channel.JD ? jd : channel == Channel.DOUYIN ? douyin : miniprogram;
        return digits.length() == permutation.width() ? permutation.invert(Long.parseLong(digits)) : -1;
    }

    /** WeChat Pay: 4200000, 4 digits, the date, 10 digits: 28 characters as in real bills. */
    String wechatTxnId(long n) {
        return "420000" + (1500 + Mix.of(seed, n, 11) % 1000) + date + wechat.digits(n);
    }

    /** Alipay: the date, 2200, 16 digits: 28 characters. */
    String alipayTxnId(long n) {
        return date + "2200" + alipay.digits(n);
    }

    /** Card acquirer 参考号: 12 digits, month and day first. */
    String cardReference(long n) {
        return monthDay + cardReference.digits(n);
    }

    /** WeChat refund numbers: 50301, 4 digits, the date, 13 digits: 30 characters. */
    String wechatRefundId(long n) {
        return "50301" + String.format("%04d", Mix.of(seed, n, 12) % 10_000) + date
                + String.format("%03d", Mix.of(seed, n, 13) % 1000) + wechatRefund.digits(n);
    }

    /** The transaction id of a provider's n-th payment of the day. */
    String txnId(Provider provider, long n) {
        return switch (provider) {
            case WECHATPAY -> wechatTxnId(n);
            case ALIPAY -> alipayTxnId(n);
            case CARD -> cardReference(n);
        };
    }

    /**
     * A keyed permutation of the numbers with {@code 2 × half} digits: a four-round Feistel network
     * on the two halves, adding modulo 10^half, so it is a bijection and can be inverted.
     */
    static final class Permutation {
        private static final int ROUNDS = 4;
        private final long modulus;
        private final int width;
        private final long[] keys = new long[ROUNDS];

        Permutation(int half, long key) {
            long m = 1;
            for (int i = 0; i < half; i++) {
                m *= 10;
            }
            this.modulus = m;
            this.width = 2 * half;
            for (int i = 0; i < ROUNDS; i++) {
                keys[i] = Mix.of(key, i);
            }
        }

        int width() {
            return width;
        }

        long apply(long n) {
            if (n < 0 || n / modulus >= modulus) {
                throw new IllegalArgumentException(n + " is outside the " + width + "-digit range");
            }
            long left = n / modulus;
            long right = n % modulus;
            for (long key : keys) {
                long next = (left + round(right, key)) % modulus;
                left = right;
                right = next;
            }
            return left * modulus + right;
        }

        long invert(long digits) {
            long left = digits / modulus;
            long right = digits % modulus;
            for (int i = ROUNDS - 1; i >= 0; i--) {
                long previous = Math.floorMod(right - round(left, keys[i]), modulus);
                right = left;
                left = previous;
            }
            return left * modulus + right;
        }

        String digits(long n) {
            String s = Long.toString(apply(n));
            return "0".repeat(width - s.length()) + s;
        }

        private long round(long half, long key) {
            return Long.remainderUnsigned(Mix.of(half, key), modulus);
        }
    }

    /** SplitMix64's finaliser: a stateless, well-spread hash of a few numbers. */
    static final class Mix {
        private Mix() {
        }

        static long of(long... values) {
            long h = 0x9E3779B97F4A7C15L;
            for (long v : values) {
                h = finalise(h ^ v) + 0x9E3779B97F4A7C15L;
            }
            return finalise(h) >>> 1;
        }

        private static long finalise(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
