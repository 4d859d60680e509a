package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Lines.Line;
import com.reconflow.ingest.format.Table.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alipay 账务明细 ({@code alipay-account-detail}): the merchant account's entries, one row per movement of
 * money, so payments, refunds, fees and withdrawals are separate rows told apart by 业务类型. GBK or UTF-8,
 * plain or as the downloaded {@code csv.zip}; the {@code #} footer's 支出合计 and 收入合计 must agree
 * with the rows.
 *
 * <p>Rows map as: 在线支付/交易 (income) → PAYMENT; 交易退款/退款 (expense) → REFUND; 收费/服务费 → FEE,
 * charged (expense) or returned with a refund (income); 提现 (expense) → PAYOUT. Any other 业务类型 is
 * quarantined.
 */
public final class AlipayAccountDetailParser extends AlipayBillParser<AlipayAccountDetailParser.Directions> {

    private static final String ENTRY_NO = "账务流水号";
    private static final String BUSINESS_NO = "业务流水号";
    private static final String ORDER_NO = "商户订单号";
    private static final String AT = "发生时间";
    private static final String INCOME = "收入金额（+元）";
    private static final String EXPENSE = "支出金额（-元）";
    private static final String TYPE = "业务类型";
    private static final String TITLE = "#支付宝账务明细查询";
    private static final String MEMBER = "账务明细";

    private static final List<String> SIGNATURE = List.of(ENTRY_NO, BUSINESS_NO, INCOME);
    private static final List<String> REQUIRED = List.of(ENTRY_NO, BUSINESS_NO, ORDER_NO, AT, INCOME, EXPENSE, TYPE);
    private static final List<String> ATTRIBUTES = List.of(ENTRY_NO, BUSINESS_NO, "商品名称", "对方账号", INCOME,
            EXPENSE, "账户余额（元）", "交易渠道", TYPE, "备注");

    private static final String TOTAL = "(\\d+)笔[，,]\\s*共?\\s*" + AlipayBills.AMOUNT + "元";
    private static final Pattern EXPENSE_TOTAL = Pattern.compile("#支出合计[：:]\\s*" + TOTAL);
    private static final Pattern INCOME_TOTAL = Pattern.compile("#收入合计[：:]\\s*" + TOTAL);

    public AlipayAccountDetailParser() {
        super(TITLE, MEMBER, SIGNATURE, REQUIRED);
    }

    @Override
    public String formatId() {
        return "alipay-account-detail";
    }

    @Override
    Directions tally(RecordSink sink) {
        return new Directions(sink);
    }

    @Override
    void checkFooter(String name, List<Line> footer, int rows, Directions directions) {
        Matcher expenses = AlipayBills.find(EXPENSE_TOTAL, footer);
        Matcher incomes = AlipayBills.find(INCOME_TOTAL, footer);
        if (expenses == null || incomes == null) {
            throw new FileRejectedException(rows == 0 ? name + " is empty"
                    : name + " is truncated or corrupt: the footer totals (#支出合计, #收入合计) are missing");
        }
        directions.check(name, expenses, incomes);
    }

    @Override
    CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        String entryNo = Cells.required(ENTRY_NO, h.get(c, ENTRY_NO));
        OffsetDateTime at = Cells.time(AT, h.get(c, AT), zone);
        BigDecimal income = amount(INCOME, h.get(c, INCOME));
        BigDecimal expense = amount(EXPENSE, h.get(c, EXPENSE));
        if (income.signum() != 0 && expense.signum() != 0) {
            throw new BadValue(EXPENSE, "both " + INCOME + " '" + income + "' and " + EXPENSE + " '" + expense
                    + "' are filled in; an entry moves money one way");
        }
        if (income.signum() == 0 && expense.signum() == 0) {
            throw new BadValue(INCOME, "neither " + INCOME + " nor " + EXPENSE + " has an amount");
        }
        boolean in = income.signum() != 0;
        String type = Cells.required(TYPE, h.get(c, TYPE));
        String businessNo = Cells.orNull(h.get(c, BUSINESS_NO));
        String orderNo = Cells.orNull(h.get(c, ORDER_NO));
        Map<String, String> attributes = h.attributes(c, ATTRIBUTES);
        return switch (type) {
            case "在线支付", "交易" -> {
                direction(type, in, true);
                yield record(RecordKind.PAYMENT, at, Cells.required(ORDER_NO, h.get(c, ORDER_NO)),
                        Cells.required(BUSINESS_NO, h.get(c, BUSINESS_NO)), null, income, null, row, attributes);
            }
            case "交易退款", "退款" -> {
                direction(type, in, false);
                // the business number repeats the refunded trade; the entry number tells partial refunds apart
                yield record(RecordKind.REFUND, at, orderNo, Cells.required(BUSINESS_NO, h.get(c, BUSINESS_NO)),
                        entryNo, expense, null, row, attributes);
            }
            case "收费", "服务费" -> {
                // charged on a trade (expense, negative as in 业务明细's 服务费) or returned with a refund (income);
                // the entry number keys it, so a charge and its return on the same trade stay two records
                BigDecimal amount = in ? income : expense;
                yield record(RecordKind.FEE, at, orderNo, entryNo, null, amount, in ? amount : amount.negate(), row,
                        attributes);
            }
            case "提现" -> {
                direction(type, in, false);
                yield record(RecordKind.PAYOUT, at, orderNo, businessNo != null ? businessNo : entryNo, null, expense,
                        null, row, attributes);
            }
            default -> throw new BadValue(TYPE, TYPE + " '" + type + "' is not one of 在线支付, 交易, 交易退款, 退款, 收费,"
                    + " 服务费, 提现");
        };
    }

    private static CanonicalRecord record(RecordKind kind, OffsetDateTime at, String orderNo, String txnId,
                                          String refundNo, BigDecimal amount, BigDecimal fee, Row row,
                                          Map<String, String> attributes) {
        return new CanonicalRecord(kind, at.toLocalDate(), orderNo, txnId, refundNo, amount, fee, "CNY", "SUCCESS", at,
                null, "alipay", null, row.line(), row.raw(), attributes);
    }

    /** An amount column: empty is zero; Alipay may write the expense with its minus sign or without. */
    private static BigDecimal amount(String field, String value) {
        if (value.isEmpty()) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal d = Cells.money(field, value);
        if (field.equals(INCOME) && d.signum() < 0) {
            throw new BadValue(field, field + " '" + value + "' is negative");
        }
        return d.abs();
    }

    private static void direction(String type, boolean in, boolean expectIncome) {
        if (in != expectIncome) {
            String field = expectIncome ? INCOME : EXPENSE;
            throw new BadValue(field, "a " + type + " row must have its amount in " + field + ", not in "
                    + (in ? INCOME : EXPENSE));
        }
    }

    /** Counts and adds up the rows by the way their money moved, for the footer's 支出合计 and 收入合计. */
    static final class Directions implements RecordSink {
        private final RecordSink next;
        private int incomeRows;
        private int expenseRows;
        private int rejected;
        private BigDecimal incomes = BigDecimal.ZERO.setScale(2);
        private BigDecimal expenses = BigDecimal.ZERO.setScale(2);

        Directions(RecordSink next) {
            this.next = next;
        }

        @Override
        public void accept(CanonicalRecord record) {
            boolean income = record.kind() == RecordKind.PAYMENT
                    || (record.kind() == RecordKind.FEE && record.fee().signum() > 0);
            if (income) {
                incomeRows++;
                incomes = incomes.add(record.amount());
            } else {
                expenseRows++;
                expenses = expenses.add(record.amount());
            }
            next.accept(record);
        }

        @Override
        public void reject(RowError error) {
            rejected++;
            next.reject(error);
        }

        @Override
        public void columns(int line, List<String> names) {
            next.columns(line, names);
        }

        void check(String name, Matcher expenseTotal, Matcher incomeTotal) {
            int expenseCount = Integer.parseInt(expenseTotal.group(1));
            int incomeCount = Integer.parseInt(incomeTotal.group(1));
            BigDecimal expenseSum = AlipayBills.footerAmount(name, expenseTotal.group(2)).abs();
            BigDecimal incomeSum = AlipayBills.footerAmount(name, incomeTotal.group(2)).abs();
            // quarantined rows are reported on their own: only the overall row count can still be checked
            boolean agrees = rejected == 0
                    ? expenseCount == expenseRows && incomeCount == incomeRows
                            && expenseSum.compareTo(expenses) == 0 && incomeSum.compareTo(incomes) == 0
                    : expenseCount + incomeCount == expenseRows + incomeRows + rejected;
            if (!agrees) {
                throw new FileRejectedException(String.format("%s is truncated or corrupt: footer says %d expenses /"
                                + " %s yuan and %d incomes / %s yuan, detail has %d expenses / %s yuan and %d incomes"
                                + " / %s yuan (%d rows in all)",
                        name, expenseCount, expenseSum, incomeCount, incomeSum, expenseRows, expenses, incomeRows,
                        incomes, expenseRows + incomeRows + rejected));
            }
        }
    }
}
