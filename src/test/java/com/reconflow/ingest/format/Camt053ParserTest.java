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

class Camt053ParserTest {

    static final String SAMPLE = "bank/camt053_20261120.xml";

    private final Camt053Parser parser = new Camt053Parser();

    private ParsedFile parse(String fixture) {
        return Samples.parse(parser, Samples.sample("bank/" + fixture));
    }

    @Test
    void readsOnePayoutCreditPerProviderFromTheSampleStatement() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(SAMPLE));

        assertThat(parsed.format()).isEqualTo("camt053");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(3).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.PAYOUT);
            assertThat(r.currency()).isEqualTo("CNY");
            assertThat(r.status()).isEqualTo("BOOK");
            assertThat(r.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        });
        assertThat(parsed.records()).extracting(CanonicalRecord::orderNo)
                .containsExactly("ALIPAY-SETTLE-20261120", "WECHATPAY-SETTLE-20261120", "UNIONPAY-SETTLE-20261120");
        assertThat(parsed.records()).extracting(r -> r.attributes().get("provider"))
                .containsExactly("ALIPAY", "WECHATPAY", "UNIONPAY");
        assertThat(parsed.records()).extracting(CanonicalRecord::amount)
                .containsExactly(new BigDecimal("3835.43"), new BigDecimal("3134.49"), new BigDecimal("867.64"));

        CanonicalRecord alipay = parsed.records().get(0);
        assertThat(alipay.lineNo()).isEqualTo(34);
        assertThat(alipay.txnId()).isEqualTo("2026112124014543642601");
        assertThat(alipay.fee()).isNull();
        assertThat(alipay.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T00:00:00+08:00"));
        assertThat(alipay.attributes())
                .containsEntry("direction", "CRDT")
                .containsEntry("reversal", "false")
                .containsEntry("valueDate", "2026-11-21")
                .containsEntry("remittance", "支付宝结算款 2026-11-20 交易日结算（T+1）")
                .containsEntry("counterparty", "支付宝（中国）网络技术有限公司")
                .containsEntry("account", "31050161393600001234")
                .containsEntry("statementId", "STMT-20261121-001")
                .containsEntry("settlementDate", "2026-11-20");
        assertThat(alipay.rawLine())
                .startsWith("Ntry NtryRef=1 Amt=3835.43 CNY CdtDbtInd=CRDT RvslInd=false Sts=BOOK BookgDt=2026-11-21")
                .contains("AcctSvcrRef=2026112124014543642601", "EndToEndId=ALIPAY-SETTLE-20261120")
                .doesNotContain("<", "\n");
    }

    @Test
    void version02WithPlainTextStatusReadsTheSameRecords() {
        ParsedFile v02 = parse("camt053_v02_20261120.xml");

        assertThat(v02.rejectedRows()).isEmpty();
        assertThat(v02.records()).isEqualTo(Samples.parse(parser, Samples.sample(SAMPLE)).records());
    }

    @Test
    void version08StatementsKeepDebitsReversalsPendingEntriesAndForeignCurrency() {
        ParsedFile parsed = parse("camt053_v08_two_statements_20261122.xml");

        assertThat(parsed.rejectedRows()).isEmpty();
        List<CanonicalRecord> r = parsed.records();
        assertThat(r).hasSize(6).allMatch(x -> x.kind() == RecordKind.PAYOUT);

        assertThat(r.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T09:15:00+08:00"));
        assertThat(r.get(0).lineNo()).isEqualTo(35);
        assertThat(r.get(0).attributes()).containsEntry("provider", "ALIPAY");

        // NOTPROVIDED end-to-end id: the reference is taken from the remittance text
        assertThat(r.get(1).orderNo()).isEqualTo("WECHATPAY-SETTLE-20261121");
        assertThat(r.get(1).attributes()).containsEntry("remittance", "WECHATPAY-SETTLE-20261121 微信支付结算款")
                .containsEntry("provider", "WECHATPAY");

        CanonicalRecord fee = r.get(2);
        assertThat(fee.amount()).isEqualTo(new BigDecimal("15.00"));
        assertThat(fee.orderNo()).isNull();
        assertThat(fee.txnId()).isEqualTo("STMT-20261122-001#3");
        assertThat(fee.attributes()).containsEntry("direction", "DBIT").containsEntry("additionalInfo", "账户管理费 2026-11")
                .doesNotContainKey("provider");

        CanonicalRecord reversal = r.get(3);
        assertThat(reversal.amount()).isEqualTo(new BigDecimal("918.20"));
        assertThat(reversal.attributes()).containsEntry("direction", "DBIT").containsEntry("reversal", "true")
                .containsEntry("counterparty", "银联商务股份有限公司").containsEntry("valueDate", "2026-11-21");

        CanonicalRecord pending = r.get(4);
        assertThat(pending.status()).isEqualTo("PDNG");
        assertThat(pending.businessDate()).isEqualTo(LocalDate.of(2026, 11, 23));

        CanonicalRecord usd = r.get(5);
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.amount()).isEqualTo(new BigDecimal("1250.00"));
        assertThat(usd.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:00+08:00"));
        assertThat(usd.attributes()).containsEntry("account", "DE89370400440532013000")
                .containsEntry("statementId", "STMT-20261122-USD").containsEntry("provider", "PAYPAL");
    }

    @Test
    void statementWhoseBalancesDisagreeWithItsEntriesIsRejected() {
        assertThatThrownBy(() -> parse("camt053_balance_mismatch.xml"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("camt053_balance_mismatch.xml")
                .hasMessageContaining("STMT-20261121-001")
                .hasMessageContaining("4543170.83")
                .hasMessageContaining("4543070.83");
    }

    @Test
    void malformedXmlIsRejectedNamingTheLine() {
        assertThatThrownBy(() -> parse("camt053_malformed.xml"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("camt053_malformed.xml")
                .hasMessageContaining("line 57")
                .hasMessageContaining("Amt");
    }

    @Test
    void entryWithAnUnreadableAmountIsQuarantinedAndTheOthersKept() {
        ParsedFile parsed = parse("camt053_bad_amount.xml");

        assertThat(parsed.records()).extracting(CanonicalRecord::orderNo)
                .containsExactly("ALIPAY-SETTLE-20261120", "UNIONPAY-SETTLE-20261120");
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(55);
            assertThat(e.field()).isEqualTo("Amt");
            assertThat(e.message()).contains("'31,34.49'").contains("is not an amount");
            assertThat(e.rawLine()).contains("Amt=31,34.49 CNY", "EndToEndId=WECHATPAY-SETTLE-20261120");
        });
    }

    @Test
    void entryWithAnUnknownDirectionIsQuarantinedNamingTheField() {
        String text = Samples.text(SAMPLE, StandardCharsets.UTF_8)
                .replaceFirst("<CdtDbtInd>CRDT</CdtDbtInd>\n        <RvslInd>",
                        "<CdtDbtInd>CR</CdtDbtInd>\n        <RvslInd>");

        ParsedFile parsed = Samples.parse(parser, Samples.utf8("statement.xml", text));

        assertThat(parsed.records()).hasSize(2);
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(34);
            assertThat(e.field()).isEqualTo("CdtDbtInd");
            assertThat(e.message()).contains("'CR'", "CRDT", "DBIT");
        });
    }

    @Test
    void anExternalEntityIsNeverResolved() {
        String text = Samples.text(SAMPLE, StandardCharsets.UTF_8)
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                + "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>")
                .replace("<Id>STMT-20261121-001</Id>", "<Id>&x;</Id>");

        assertThatThrownBy(() -> Samples.parse(parser, Samples.utf8("statement.xml", text)))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("statement.xml");
    }

    @Test
    void anotherXmlDocumentIsRejectedNamingItsRoot() {
        String text = Samples.text(SAMPLE, StandardCharsets.UTF_8).replace("camt.053.001.08", "camt.052.001.08");

        assertThatThrownBy(() -> Samples.parse(parser, Samples.utf8("report.xml", text)))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("report.xml is not a camt.053 statement")
                .hasMessageContaining("camt.052.001.08");
    }

    @ParameterizedTest
    @ValueSource(strings = {"camt053_20261120.xml", "camt053_v02_20261120.xml",
            "camt053_v08_two_statements_20261122.xml"})
    void recognisesEveryVersionByItsRootNamespace(String fixture) {
        ChannelFile file = ChannelFile.ofBytes("upload.bin", Samples.bytes("bank/" + fixture), Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isTrue();
        assertThat(FormatDetector.all()).filteredOn(other -> other.getClass() != Camt053Parser.class)
                .noneMatch(other -> other.recognises(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"camt.052.001.08", "camt.053.001.01", "camt.053.001.09"})
    void doesNotRecogniseOtherMessagesOrVersions(String message) {
        String text = Samples.text(SAMPLE, StandardCharsets.UTF_8).replace("camt.053.001.08", message);

        assertThat(parser.recognises(Samples.utf8("statement.xml", text))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {Samples.WECHAT, Samples.ALIPAY, Samples.TMALL, Samples.CARD, Samples.JD,
            "bank/mt940_20261122.sta"})
    void doesNotRecogniseOtherLayouts(String sample) {
        assertThat(parser.recognises(Samples.sample(sample))).isFalse();
    }
}
