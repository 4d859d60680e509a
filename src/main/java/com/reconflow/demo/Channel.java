package com.reconflow.demo;

/**
 * The demo retailer's sales channels with the share of the day's orders each takes and the way its
 * customers pay; POS cash sales and the split and combined payments are planted on top.
 */
enum Channel {
    JD("jd", "jd_orders_", 35, false, "wx13e766327bb50553", "o5XTLX", "APP", 50, 50, 0),
    DOUYIN("douyin", "douyin_orders_", 28, false, "wx1fdfc8d8d4fc4c58", "oI-2p3", "APP", 45, 55, 0),
    // The mini-program back end is the only export written with a BOM, as in the samples.
    MINIPROGRAM("miniprogram", "mp_orders_", 22, true, "wx81ec695283bd8af2", "ow6Vzs", "JSAPI", 0, 100, 0),
    POS("pos", "pos_sales_", 15, false, "wx87274516689e031a", "oJCF5N", "MICROPAY", 25, 40, 35);

    final String source;
    final String filePrefix;
    final int share;
    final boolean bom;
    final String wechatAppId;
    final String openIdPrefix;
    final String wechatTradeType;
    /** Percent of the channel's ordinary orders paid with Alipay, WeChat Pay and card. */
    final int alipayPercent;
    final int wechatPercent;
    final int cardPercent;

    Channel(String source, String filePrefix, int share, boolean bom, String wechatAppId, String openIdPrefix,
            String wechatTradeType, int alipayPercent, int wechatPercent, int cardPercent) {
        this.source = source;
        this.filePrefix = filePrefix;
        this.share = share;
        this.bom = bom;
        this.wechatAppId = wechatAppId;
        this.openIdPrefix = openIdPrefix;
        this.wechatTradeType = wechatTradeType;
        this.alipayPercent = alipayPercent;
        this.wechatPercent = wechatPercent;
        this.cardPercent = cardPercent;
    }

    boolean accepts(Provider provider) {
        return switch (provider) {
            case ALIPAY -> alipayPercent > 0;
            case WECHATPAY -> wechatPercent > 0;
            case CARD -> cardPercent > 0;
        };
    }

    /** The provider of an ordinary order, from a draw in [0, 100). */
    Provider provider(int percentile) {
        if (percentile < alipayPercent) {
            return Provider.ALIPAY;
        }
        return percentile < alipayPercent + wechatPercent ? Provider.WECHATPAY : Provider.CARD;
    }
}
