package com.reconflow.archive;

import java.util.Map;

/**
 * The Chinese names finance reads beside ReconFlow's codes. The codes stay in every file as they are
 * (they are the contract); a code without a name here is shown as the code alone.
 */
final class FinanceTerms {

    private static final Map<String, String> DECISIONS = Map.ofEntries(
            Map.entry("CONFIRM_MATCH", "确认匹配"),
            Map.entry("WRITE_OFF", "核销"),
            Map.entry("ADJUSTMENT", "调账"),
            Map.entry("CHASE", "追收"),
            Map.entry("TIMING", "时间性差异"),
            Map.entry("AUTO_RESOLVED", "自动处理"),
            Map.entry("ACCEPT_DIFFERENCE", "接受差异"),
            Map.entry("ADJUST_RECORDS", "调整记录"),
            Map.entry("CLAIM_FROM_PROVIDER", "向渠道索赔"),
            Map.entry("REFUND_CUSTOMER", "退款给顾客"),
            Map.entry("NO_DIFFERENCE", "无差异"));

    private static final Map<String, String> DISCREPANCIES = Map.ofEntries(
            Map.entry("MISSING_PAYMENT", "缺少支付"),
            Map.entry("MISSING_ORDER", "缺少订单"),
            Map.entry("AMOUNT_MISMATCH", "金额不符"),
            Map.entry("DUPLICATE_PAYMENT", "重复支付"),
            Map.entry("REFUND_MISSING", "缺少退款"),
            Map.entry("REFUND_UNEXPECTED", "意外退款"),
            Map.entry("REFUND_AMOUNT_MISMATCH", "退款金额不符"),
            Map.entry("FEE_MISMATCH", "手续费不符"),
            Map.entry("PAYOUT_MISMATCH", "结算到账不符"),
            Map.entry("STATUS_CONFLICT", "状态冲突"),
            Map.entry("STOCK_MISMATCH", "库存不符"));

    private static final Map<String, String> RECORD_KINDS = Map.of(
            "ORDER", "订单",
            "PAYMENT", "支付",
            "REFUND", "退款",
            "FEE", "手续费",
            "PAYOUT", "银行到账");

    private FinanceTerms() {
    }

    static String decision(String code) {
        return DECISIONS.getOrDefault(code, code);
    }

    static String discrepancy(String code) {
        return DISCREPANCIES.getOrDefault(code, code);
    }

    static String recordKind(String code) {
        return RECORD_KINDS.getOrDefault(code, code);
    }
}
