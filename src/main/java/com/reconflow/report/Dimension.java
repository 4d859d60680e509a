package com.reconflow.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a summary groups and filters by: the API's name, the column of the rollups and of the record facts
 * (see {@link ReportFacts}), and its Chinese title in the exports.
 */
enum Dimension {
    SOURCE("source", "source", "渠道"),
    DATE("date", "business_date", "业务日期"),
    PAYMENT_METHOD("paymentMethod", "payment_method", "支付方式"),
    CATEGORY("category", "category", "商品类目"),
    STORE("store", "store", "门店"),
    HOUR("hour", "hour_of_day", "时段"),
    STATUS("status", "status", "状态"),
    DISCREPANCY_CODE("discrepancyCode", "discrepancy_code", "差异代码");

    final String param;
    final String column;
    final String title;

    Dimension(String param, String column, String title) {
        this.param = param;
        this.column = column;
        this.title = title;
    }

    static Optional<Dimension> byParam(String param) {
        return Arrays.stream(values()).filter(d -> d.param.equals(param)).findFirst();
    }
}
