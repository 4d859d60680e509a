package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mt940ParserTest {

    private static final String TWO_STATEMENTS = "bank/mt940_20261122.sta";
    private static final String REVERSALS = "bank/mt940_reversals_20261123.sta";

    private final Mt940Parser parser = new Mt940Parser();

    private ParsedFile parse(String fixture) {
        return Samples.parse(parser, Samples.sample(fixture));
    }

    private ParsedFile parseText(String text) {
        return Samples.parse(parser, Samples.utf8("statement.sta", text));
    }

    @Test
    void readsEveryStatementLineOfBothStatementsInTheirSwiftBlocks() {
        ParsedFile parsed = parse(TWO_STATEMENTS);

        assertThat(parsed.format()).isEqualTo("mt940");
        assertThat(parsed.rejectedRows()).isEmpty();
        List<CanonicalRecord> r = parsed.records();
        assertThat(r).hasSize(6).allSatisfy(x -> {
            assertThat(x.kind()).isEqualTo(RecordKind.PAYOUT);
            assertThat(x.currency()).isEqualTo("CNY");
            assertThat(x.status()).isEqualTo("BOOK");
            assertThat(x.attributes()).containsEntry("account", "PCBCCNBJSHX/31050161393600001234");
        });
        assertThat(r).extracting(CanonicalRecord::lineNo).containsExactly(6, 10, 14, 24, 28, 31);
        assertThat(r).extracting(CanonicalRecord::orderNo).containsExactly("ALIPAY-SETTLE-20261120",
                "WECHATPAY-SETTLE-20261120", "UNIONPAY-SETTLE-20261120", "ALIPAY-SETTLE-20261121",
                "WECHATPAY-SETTLE-20261121", null);

        CanonicalRecord alipay = r.get(0);
        assertThat(alipay.amount()).isEqualTo(new BigDecimal("3835.43"));
        assertThat(alipay.txnId()).isEqualTo("CCB2611210000001");
        assertThat(alipay.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(alipay.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T00:00:00+08:00"));
        assertThat(alipay.attributes())
                .containsEntry("direction", "CRDT")
                .containsEntry("reversal", "false")
                .containsEntry("mark", "C")
                .containsEntry("valueDate", "2026-11-21")
                .containsEntry("transactionType", "NTRF")
                .containsEntry("ownerRef", "NONREF")
                .containsEntry("provider", "ALIPAY")
                .containsEntry("settlementDate", "2026-11-20")
                .containsEntry("statementId", "CCB2611210001")
                .containsEntry("statementNumber", "325/1")
                .containsEntry("remittance", "/EREF/ALIPAY-SETTLE-20261120 /PY/ZHIFUBAO ZHONGGUO WANGLUO JISHU"
                        + " YOUXIAN GONGSI /RM/ALIPAY SETTLEMENT 2026-11-20 T+1");
        assertThat(alipay.rawLine()).isEqualTo(":61:2611211121C3835,43NTRFNONREF//CCB2611210000001"
                + " :86:/EREF/ALIPAY-SETTLE-20261120 /PY/ZHIFUBAO ZHONGGUO WANGLUO JISHU YOUXIAN GONGSI"
                + " /RM/ALIPAY SETTLEMENT 2026-11-20 T+1");

        assertThat(r.get(1).attributes()).containsEntry("ownerRef", "1120WXJS").containsEntry("provider", "WECHATPAY");
        // the reference in the supplementary details of the :61: itself
        assertThat(r.get(3).attributes()).containsEntry("supplementaryDetails", "ALIPAY-SETTLE-20261121")
                .containsEntry("statementId", "CCB2611220001");

        CanonicalRecord fee = r.get(5);
        assertThat(fee.amount()).isEqualTo(new BigDecimal("15.00"));
        assertThat(fee.txnId()).isEqualTo("CCB2611220000003");
        assertThat(fee.attributes()).containsEntry("direction", "DBIT").containsEntry("transactionType", "NCHG")
                .containsEntry("remittance", "ACCOUNT MANAGEMENT FEE 2026-11").doesNotContainKey("provider");
    }

    @Test
    void reversalsMoveTheBalanceAgainstTheirOriginalDirection() {
        ParsedFile parsed = parse(REVERSALS);

        assertThat(parsed.rejectedRows()).isEmpty();
        List<CanonicalRecord> r = parsed.records();
        assertThat(r).extracting(x -> x.attributes().get("mark")).containsExactly("C", "RC", "C", "D", "RD");
        assertThat(r).extracting(x -> x.attributes().get("direction"))
                .containsExactly("CRDT", "DBIT", "CRDT", "DBIT", "CRDT");
        assertThat(r).extracting(x -> x.attributes().get("reversal"))
                .containsExactly("false", "true", "false", "false", "true");
        assertThat(r.get(1).amount()).isEqualTo(new BigDecimal("918.20"));
        assertThat(r.get(1).attributes()).containsEntry("supplementaryDetails", "REVERSAL WRONG AMOUNT")
                .containsEntry("provider", "UNIONPAY");
        assertThat(r.get(3).orderNo()).isEqualTo("RETURN0001");
        assertThat(r.get(3).txnId()).isEqualTo("CCB2611230000004");
    }

    @Test
    void statementWhoseClosingBalanceDisagreesIsRejected() {
        assertThatThrownBy(() -> parse("bank/mt940_balance_mismatch.sta"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("mt940_balance_mismatch.sta")
                .hasMessageContaining("CCB2611220001")
                .hasMessageContaining("4550245.61")
                .hasMessageContaining("4550254.61");
    }

    @Test
    void statementLineWithADecimalPointIsQuarantinedNamingTheLineAndField() {
        ParsedFile parsed = parse("bank/mt940_bad_amount.sta");

        assertThat(parsed.records()).hasSize(5);
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(10);
            assertThat(e.field()).isEqualTo(":61:");
            assertThat(e.message()).contains("3134.49").contains("is not an amount like 1234,56");
            assertThat(e.rawLine()).startsWith(":61:2611211121C3134.49NTRF1120WXJS//CCB2611210000002 :86:");
        });
    }

    @Test
    void amountFollowedByGarbageIsNotReadAsAShorterAmount() {
        ParsedFile parsed = parseText(statement(":61:2611211121C12,34xNTRFNONREF//B1\n", "C261121CNY12,34"));

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).contains("'12,34xNTRFNONREF//B1'");
        });
    }

    @Test
    void entryDateInTheNewYearIsBookedInTheNewYear() {
        ParsedFile parsed = parseText(statement(":61:2612310102C100,00NTRFNONREF//B1\n", "C270102CNY100,00"));

        assertThat(parsed.records()).singleElement().satisfies(x -> {
            assertThat(x.businessDate()).isEqualTo(LocalDate.of(2027, 1, 2));
            assertThat(x.attributes()).containsEntry("valueDate", "2026-12-31");
        });
    }

    @Test
    void statementWithoutClosingBalanceIsRejectedAsTruncated() {
        String text = Samples.text(REVERSALS, StandardCharsets.US_ASCII);
        String cut = text.substring(0, text.indexOf(":62F:"));

        assertThatThrownBy(() -> parseText(cut))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("statement.sta")
                .hasMessageContaining("CCB2611230001")
                .hasMessageContaining("no closing balance :62F:");
    }

    @Test
    void unreadableClosingBalanceRejectsTheFileNamingTheLine() {
        String text = Samples.text(REVERSALS, StandardCharsets.US_ASCII)
                .replace("C261123CNY4551226,81", "C261123CNY45512x6,81");

        assertThatThrownBy(() -> parseText(text))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("line 16, :62F:")
                .hasMessageContaining("'45512x6,81' is not an amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {TWO_STATEMENTS, REVERSALS})
    void recognisesBareAndEnvelopedStatements(String fixture) {
        ChannelFile file = ChannelFile.ofBytes("upload.bin", Samples.bytes(fixture), Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isTrue();
        assertThat(FormatDetector.all()).filteredOn(other -> other.getClass() != Mt940Parser.class)
                .noneMatch(other -> other.recognises(file));
        assertThat(new Camt053Parser().recognises(file)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {Samples.WECHAT, Samples.ALIPAY, Samples.TMALL, Samples.CARD, Samples.POS,
            Camt053ParserTest.SAMPLE})
    void doesNotRecogniseOtherLayouts(String sample) {
        assertThat(parser.recognises(Samples.sample(sample))).isFalse();
    }

    private static String statement(String line61, String closing) {
        return ":20:T1\n:25:31050161393600001234\n:28C:1/1\n:60F:C261120CNY0,00\n" + line61 + ":62F:" + closing + "\n";
    }
}
