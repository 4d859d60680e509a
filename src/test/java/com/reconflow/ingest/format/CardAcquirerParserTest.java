package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CardAcquirerParserTest {

    private static final String HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";

    private final CardAcquirerParser parser = new CardAcquirerParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.utf8("card.csv", text));
    }

    @Test
    void readsEverySaleOfTheSampleAsPayment() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.CARD));

        assertThat(parsed.format()).isEqualTo("card-acquirer");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(4).allMatch(r -> r.kind() == RecordKind.PAYMENT);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(2);
        assertThat(first.orderNo()).isEqualTo("PS0072026112000001");
        assertThat(first.txnId()).isEqualTo("221609741839");
        assertThat(first.amount()).isEqualTo(new BigDecimal("210.00"));
        assertThat(first.fee()).isEqualTo(new BigDecimal("1.05"));
        assertThat(first.paymentMethod()).isEqualTo("card");
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T17:19:09+08:00"));
        assertThat(first.attributes()).containsEntry("商户号", "898310056510007").containsEntry("终端号", "00070002")
                .containsEntry("批次号", "000324").containsEntry("凭证号", "000014")
                .containsEntry("卡号", "621700******9211").containsEntry("结算金额", "208.95");
        assertThat(parsed.records().get(3).lineNo()).isEqualTo(5);
        assertThat(parsed.records().get(3).amount()).isEqualTo(new BigDecimal("320.00"));
    }

    @Test
    void returnBecomesRefundWithPositiveAmount() {
        ParsedFile parsed = parse(HEADER
                + "898310056510005,00050002,2026-11-20 21:30:00,退货,000324,000290,224170954999,622202******4925,-320.00,,PS0052026112000002,-320.00\n");

        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.REFUND);
            assertThat(r.amount()).isEqualTo(new BigDecimal("320.00"));
            assertThat(r.fee()).isNull();
            assertThat(r.refundNo()).isEqualTo("224170954999");
            assertThat(r.attributes()).containsEntry("结算金额", "-320.00");
        });
    }

    @Test
    void unknownTransactionTypeIsARowError() {
        ParsedFile parsed = parse(HEADER
                + "898310056510005,00050002,2026-11-20 21:30:00,撤销,000324,000290,224170954999,622202******4925,10.00,0.05,PS1,9.95\n");

        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("交易类型");
            assertThat(e.message()).contains("撤销");
        });
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> parse(HEADER.replace(",手续费", "") + "x\n"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("card.csv").hasMessageContaining("手续费");
    }
}
