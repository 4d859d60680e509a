package com.reconflow.demo;

/**
 * The payment providers with the retailer's contracted fee rate (samples README: 0.60 % Alipay and
 * WeChat Pay, 0.50 % card, half-up to the cent per payment) and their names on the bank statement.
 */
enum Provider {
    ALIPAY("alipay", 60, "ALIPAY", "支付宝（中国）网络技术有限公司", "支付宝结算款"),
    WECHATPAY("wechatpay", 60, "WECHATPAY", "财付通支付科技有限公司", "微信支付结算款"),
    CARD("card", 50, "UNIONPAY", "银联商务股份有限公司", "银联POS刷卡结算款");

    final String source;
    /** Contracted rate in hundredths of a percent. */
    final int rate;
    final String payoutName;
    final String payer;
    final String remittance;

    Provider(String source, int rate, String payoutName, String payer, String remittance) {
        this.source = source;
        this.rate = rate;
        this.payoutName = payoutName;
        this.payer = payer;
        this.remittance = remittance;
    }

    /** The fee at the given rate (hundredths of a percent) on an amount in cents, half-up to the cent. */
    static int fee(int cents, int rate) {
        return (int) ((cents * (long) rate + 5_000) / 10_000);
    }

    int contractedFee(int cents) {
        return fee(cents, rate);
    }
}
