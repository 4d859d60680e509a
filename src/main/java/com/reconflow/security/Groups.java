package com.reconflow.security;

import java.util.List;

/** The groups ReconFlow's work is routed to; they exist in every profile. */
public final class Groups {

    public static final String FINANCE = "finance";
    public static final String FINANCE_MANAGER = "finance-manager";
    public static final String OPERATIONS = "operations";
    public static final String PURCHASING = "purchasing";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "camunda-admin";

    public static final List<String> ALL = List.of(FINANCE, FINANCE_MANAGER, OPERATIONS, PURCHASING, AUDITOR, ADMIN);

    /** May read runs, imports, discrepancies and reports. */
    public static final List<String> READERS = List.of(FINANCE, FINANCE_MANAGER, OPERATIONS, AUDITOR, ADMIN);

    /**
     * May read the audit trail ({@code /api/audit}): who did what. Not the clerks whose work it shows, nor
     * operations.
     */
    public static final List<String> AUDIT_READERS = List.of(AUDITOR, FINANCE_MANAGER, ADMIN);

    /** May import files and start runs. */
    public static final List<String> OPERATORS = List.of(FINANCE, FINANCE_MANAGER, OPERATIONS, ADMIN);

    /** May read stock ({@code /api/stock}): the readers, and purchasing, whose work it is. */
    public static final List<String> STOCK_READERS = List.of(FINANCE, FINANCE_MANAGER, OPERATIONS, PURCHASING,
            AUDITOR, ADMIN);

    /** May change stock: record movements, reserve for orders. Not finance, which reconciles what stock did. */
    public static final List<String> STOCK_KEEPERS = List.of(OPERATIONS, PURCHASING, ADMIN);

    private Groups() {
    }
}
