package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import java.math.BigDecimal;

/**
 * What one bank statement promises: its opening balance plus the booked credits minus the booked
 * debits is its closing balance. A statement that does not add up was cut or altered, so the whole
 * file is rejected.
 */
final class StatementBalance {

    private final String fileName;
    private final String statementId;
    private final String openingLabel;
    private final String closingLabel;
    private BigDecimal opening;
    private String openingCurrency;
    private BigDecimal closing;
    private String closingCurrency;
    private BigDecimal credits = BigDecimal.ZERO.setScale(2);
    private BigDecimal debits = BigDecimal.ZERO.setScale(2);
    private int quarantined;
    private int foreignLine = -1;
    private String foreignCurrency;

    StatementBalance(String fileName, String statementId, String openingLabel, String closingLabel) {
        this.fileName = fileName;
        this.statementId = statementId;
        this.openingLabel = openingLabel;
        this.closingLabel = closingLabel;
    }

    /** The opening balance, negative when the account was overdrawn. */
    void opening(BigDecimal signed, String currency) {
        if (opening == null) {
            opening = signed;
            openingCurrency = currency;
        }
    }

    void closing(BigDecimal signed, String currency) {
        if (closing == null) {
            closing = signed;
            closingCurrency = currency;
        }
    }

    boolean hasOpening() {
        return opening != null;
    }

    /** A booked entry, by the direction it moves the balance. */
    void booked(int line, boolean credit, BigDecimal amount, String currency) {
        if (openingCurrency != null && !openingCurrency.equals(currency) && foreignLine < 0) {
            foreignLine = line;
            foreignCurrency = currency;
        }
        if (credit) {
            credits = credits.add(amount);
        } else {
            debits = debits.add(amount);
        }
    }

    /** An entry that could not be read: its money is unknown, so the sum cannot be checked. */
    void quarantined() {
        quarantined++;
    }

    /** Throws unless the balances, when both are given, agree with the booked entries. */
    void verify() {
        if (opening == null || closing == null) {
            return;
        }
        if (!openingCurrency.equals(closingCurrency)) {
            throw new FileRejectedException(String.format("%s: statement %s has its %s in %s but its %s in %s",
                    fileName, statementId, openingLabel, openingCurrency, closingLabel, closingCurrency));
        }
        if (foreignLine >= 0) {
            throw new FileRejectedException(String.format(
                    "%s: statement %s: the entry on line %d is in %s but the statement's balances are in %s",
                    fileName, statementId, foreignLine, foreignCurrency, openingCurrency));
        }
        // quarantined entries are reported on their own; their money cannot be added up
        if (quarantined > 0) {
            return;
        }
        BigDecimal expected = opening.add(credits).subtract(debits);
        if (expected.compareTo(closing) != 0) {
            throw new FileRejectedException(String.format(
                    "%s: statement %s does not add up: %s %s + credits %s - debits %s = %s %s, but the %s is %s %s",
                    fileName, statementId, openingLabel, opening.toPlainString(), credits.toPlainString(),
                    debits.toPlainString(), expected.toPlainString(), openingCurrency, closingLabel,
                    closing.toPlainString(), closingCurrency));
        }
    }
}
