package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void decodesUtf8AndStripsTheBom() {
        byte[] bytes = ("\uFEFF订单号,金额").getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(Text.decode(bytes, false)).isEqualTo("订单号,金额");
    }

    @Test
    void fallsBackToGbkWhenTheBytesAreNotUtf8() {
        assertThat(Text.decode("支付宝交易号,业务类型".getBytes(Samples.GBK), false)).isEqualTo("支付宝交易号,业务类型");
    }

    @Test
    void headToleratesAMultiByteCharacterCutAtTheEnd() {
        byte[] full = "订单号,订单金额".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(full, full.length - 1);

        assertThat(Text.decode(cut, true)).isEqualTo("订单号,订单金");
    }

    @Test
    void headStillFallsBackToGbkForInvalidUtf8BeforeTheEnd() {
        byte[] gbk = "订单号,订单金额".getBytes(Samples.GBK);

        assertThat(Text.decode(gbk, true)).isEqualTo("订单号,订单金额");
    }
}
