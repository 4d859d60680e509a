package com.reconflow.ingest;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A record's attributes as stored: the whole map as JSON, and the two that matching reads kept in
 * columns of their own as well, so that a day's records load without reading any JSON.
 */
final class RecordAttributes {

    /** What an order says was refunded (channel orders, Tmall): column {@code refunded_amount}. */
    static final String REFUNDED_AMOUNT = "退款金额";
    /** The provider's free field, listing the orders of a combined checkout: column {@code memo}. */
    static final String MEMO = "商户数据包";

    /** The article an order line sold (channel orders): column {@code sku}, read by reports for its cost. */
    static final String SKU = "SKU";
    /** How many of it: column {@code quantity}. */
    static final String QUANTITY = "数量";
    static final int MAX_SKU_LENGTH = 64;

    private RecordAttributes() {
    }

    /** The SKU an attribute states; null when there is none. */
    static String sku(Map<String, String> attributes) {
        String value = attributes.get(SKU);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The quantity an attribute states; null when there is none. */
    static Integer quantity(Map<String, String> attributes) {
        String value = attributes.get(QUANTITY);
        return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    }

    /** Whether a stated SKU and quantity fit their columns: a SKU of at most 64 characters, a whole positive quantity. */
    static Problem skuOrQuantityProblem(Map<String, String> attributes) {
        String sku = sku(attributes);
        if (sku != null && sku.length() > MAX_SKU_LENGTH) {
            return new Problem(SKU, SKU + " is longer than " + MAX_SKU_LENGTH + " characters");
        }
        try {
            Integer quantity = quantity(attributes);
            return quantity == null || quantity > 0 ? null
                    : new Problem(QUANTITY, QUANTITY + " '" + attributes.get(QUANTITY) + "' is not a positive whole number");
        } catch (NumberFormatException e) {
            return new Problem(QUANTITY, QUANTITY + " '" + attributes.get(QUANTITY) + "' is not a whole number");
        }
    }

    /** What is wrong with one attribute of a row. */
    record Problem(String field, String message) {
    }

    /** The refunded amount an attribute states; null when there is none. */
    static BigDecimal refundedAmount(Map<String, String> attributes) {
        String value = attributes.get(REFUNDED_AMOUNT);
        return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
    }

    /** Whether a refunded amount, when stated, is one the column can hold: a number with at most 2 decimals. */
    static String refundedAmountProblem(Map<String, String> attributes) {
        try {
            BigDecimal amount = refundedAmount(attributes);
            return amount == null || amount.stripTrailingZeros().scale() <= 2 ? null
                    : REFUNDED_AMOUNT + " '" + attributes.get(REFUNDED_AMOUNT) + "' has more than 2 decimals";
        } catch (NumberFormatException e) {
            return REFUNDED_AMOUNT + " '" + attributes.get(REFUNDED_AMOUNT) + "' is not an amount";
        }
    }

    /** The attributes as a JSON object of strings; null when there are none. */
    static String toJson(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        int length = 2;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            length += e.getKey().length() + e.getValue().length() + 6;
        }
        StringBuilder json = new StringBuilder(length).append('{');
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, e.getKey()).append(':');
            string(json, e.getValue());
        }
        return json.append('}').toString();
    }

    /** A JSON string (RFC 8259): quote, backslash and control characters escaped, the rest as it is. */
    private static StringBuilder string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
