package com.reconflow.demo;

import java.util.List;

/**
 * What the demo retailer sells and where: products with their prices, the stores of its POS
 * terminals, and the look of the payers the providers show (all as in the samples).
 */
final class Catalog {

    record Product(String category, String sku, String name, int cents) {
    }

    static final List<Product> PRODUCTS = List.of(
            product("美妆", "MZ0005", "持妆精华液", 16000),
            product("美妆", "MZ0014", "控油面膜10片装", 8999),
            product("美妆", "MZ0022", "保湿防晒霜", 12900),
            product("美妆", "MZ0031", "清透面膜10片装", 10700),
            product("美妆", "MZ0039", "焕亮粉底液", 19900),
            product("服装", "FZ0012", "新款牛仔裤", 9500),
            product("服装", "FZ0028", "修身半身裙", 5090),
            product("服装", "FZ0031", "修身休闲裤", 9390),
            product("服装", "FZ0051", "宽松毛呢大衣", 45900),
            product("数码", "SM0001", "便携机械键盘", 40100),
            product("数码", "SM0003", "超薄智能手表", 28900),
            product("数码", "SM0015", "无线移动硬盘", 129900),
            product("数码", "SM0022", "快充移动硬盘", 33600),
            product("家居", "JJ0002", "日式抱枕", 2400),
            product("家居", "JJ0003", "加厚浴巾", 2800),
            product("家居", "JJ0011", "全棉床品四件套", 29900),
            product("运动", "YD0010", "专业跳绳", 4100),
            product("运动", "YD0033", "减震跳绳", 6000),
            product("运动", "YD0041", "透气运动短裤", 6990),
            product("运动", "YD0050", "减震瑜伽垫", 19000),
            product("运动", "YD0057", "减震跑步鞋", 39900),
            product("饰品", "SS0020", "纯银手链", 16700),
            product("饰品", "SS0024", "玫瑰金戒指", 3500),
            product("饰品", "SS0031", "珍珠耳钉", 5990),
            product("母婴", "MY0001", "全新儿童绘本", 7190),
            product("母婴", "MY0006", "有机湿巾", 990),
            product("母婴", "MY0012", "婴儿纯棉连体衣", 12900),
            product("母婴", "MY0020", "防胀气奶瓶", 8900));

    /** No basket above the dearest product: quantities are cut to stay under it. */
    static final int MAX_ORDER_CENTS = 129900;

    /** The POS stores S001 … S048. */
    static final int STORES = 48;
    private static final List<String> CITIES = List.of("上海", "北京", "广州", "深圳", "杭州", "南京", "武汉", "成都",
            "重庆", "西安", "苏州", "天津", "长沙", "郑州", "青岛", "厦门");
    private static final List<String> MALLS = List.of("万达广场", "大悦城", "万象城");

    static final List<String> WECHAT_BANKS = List.of(
            "CFT", "CFT", "CMB_DEBIT", "ICBC_DEBIT", "CCB_DEBIT", "ABC_DEBIT", "COMM_DEBIT", "SPDB_CREDIT", "CMB_CREDIT",
            "OTHERS");
    private static final List<String> MAIL_DOMAINS = List.of("qq.com", "163.com", "126.com", "sina.com");
    private static final List<String> CARD_BINS = List.of("621700", "622848", "622588", "622202", "625965", "436742");
    private static final String OPENID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Catalog() {
    }

    private static Product product(String category, String sku, String name, int cents) {
        return new Product(category, sku, "禾木优选" + name, cents);
    }

    static String storeCode(int store) {
        return String.format("S%03d", store);
    }

    /** e.g. 禾木优选（武汉万达广场店） */
    static String storeName(int store) {
        return "禾木优选（" + CITIES.get((store - 1) % CITIES.size())
                + MALLS.get((store - 1) / CITIES.size() % MALLS.size()) + "店）";
    }

    /** A WeChat user's openid under the channel's app: its prefix and 22 characters. */
    static String openId(String prefix, long hash) {
        StringBuilder result = new StringBuilder(prefix);
        long h = hash;
        for (int i = 0; i < 22; i++) {
            if (i == 10) {
                h = Identifiers.Mix.of(hash, 1);
            }
            result.append(OPENID_CHARS.charAt((int) (h % OPENID_CHARS.length())));
            h /= OPENID_CHARS.length();
        }
        return result.toString();
    }

    static String wechatBank(long hash) {
        return WECHAT_BANKS.get((int) (hash % WECHAT_BANKS.size()));
    }

    /** Alipay shows the buyer's account masked: a phone number or an e-mail address. */
    static String alipayAccount(long hash) {
        if (hash % 2 == 0) {
            return "1" + "3578".charAt((int) (hash / 2 % 4)) + (hash / 8 % 10) + "****"
                    + String.format("%04d", hash / 80 % 10_000);
        }
        StringBuilder name = new StringBuilder();
        long h = hash / 2;
        for (int i = 0; i < 3; i++) {
            name.append((char) ('a' + h % 26));
            h /= 26;
        }
        return name + "***@" + MAIL_DOMAINS.get((int) (h % MAIL_DOMAINS.size()));
    }

    /** A masked card number: the issuer's BIN, six stars, the last four digits. */
    static String cardNumber(long hash) {
        return CARD_BINS.get((int) (hash % CARD_BINS.size())) + "******" + String.format("%04d", hash / 8 % 10_000);
    }
}
