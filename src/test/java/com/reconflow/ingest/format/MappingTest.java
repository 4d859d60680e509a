package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping file that cannot be used fails when it is loaded, naming the file and the key. */
class MappingTest {

    private static final String VALID = """
            format: test-layout
            recognise: [单号, 金额]
            kind: PAYMENT
            fields:
              orderNo: 单号
              amount: 金额
              occurredAt: 时间
            """;

    @TempDir
    Path dir;

    private static Mapping load(String yaml) {
        return Mapping.load("test-layout.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shippedMappingsLoad() {
        assertThat(Mapping.shipped()).extracting(Mapping::formatId).containsExactly("jd-settlement", "douyin-settlement");
        assertThat(Mapping.shipped().get(0).source()).isEqualTo("classpath:formats/jd-settlement.yaml");
    }

    @Test
    void minimalMappingLoads() {
        Mapping mapping = load(VALID);

        assertThat(mapping.formatId()).isEqualTo("test-layout");
        assertThat(mapping.columns()).containsExactly("单号", "金额", "时间");
    }

    @Test
    void unknownKeyIsAnErrorNamingFileAndKey() {
        assertThatThrownBy(() -> load(VALID.replace("  amount: 金额", "  amout: 金额")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: unknown key 'fields.amout'; expected one of amount,");
        assertThatThrownBy(() -> load(VALID + "skiplines: 2\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: unknown key 'skiplines'");
        assertThatThrownBy(() -> load(VALID.replace("amount: 金额", "amount: { column: 金额, sign: minus }")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: unknown key 'fields.amount.sign'");
    }

    @Test
    void missingRequiredKeyIsAnErrorNamingFileAndKey() {
        assertThatThrownBy(() -> load(VALID.replace("  occurredAt: 时间\n", "")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: missing required key 'fields.occurredAt'");
        assertThatThrownBy(() -> load(VALID.replace("format: test-layout\n", "")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: missing required key 'format'");
        assertThatThrownBy(() -> load(VALID.replace("  orderNo: 单号\n", "")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: missing required key 'fields.orderNo' or 'fields.txnId'");
        assertThatThrownBy(() -> load(VALID.replace("kind: PAYMENT", "kind:\n  - when: { 类型: 收款 }")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: missing required key 'kind[0].is'");
    }

    @Test
    void badValuesAreErrorsNamingFileKeyAndValue() {
        assertThatThrownBy(() -> load(VALID.replace("kind: PAYMENT", "kind: PAYMNT")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: 'kind' 'PAYMNT' is not one of [ORDER, PAYMENT");
        assertThatThrownBy(() -> load(VALID + "encoding: latin1\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: 'encoding' 'latin1' is not one of UTF-8, GBK, auto");
        assertThatThrownBy(() -> load(VALID + "datePattern: yyyy-MM-dd HH:mm:ss.{\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: 'fields.occurredAt' date pattern 'yyyy-MM-dd HH:mm:ss.{'");
        assertThatThrownBy(() -> load(VALID.replace("orderNo: 单号", "orderNo: { column: 单号, constant: x }")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("test-layout.yaml: 'fields.orderNo' needs exactly one of column, columns, template, constant");
        assertThatThrownBy(() -> load(VALID + "format: again\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("test-layout.yaml: not valid YAML");
    }

    @Test
    void folderMappingTakingABuiltInFormatIdIsRefusedNamingItsFile() throws IOException {
        Files.writeString(dir.resolve("orders.yaml"), VALID.replace("test-layout", "channel-orders"));

        assertThatThrownBy(() -> FormatDetector.withMappings(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format id 'channel-orders' is claimed twice: by the built-in ChannelOrdersParser"
                        + " and by the mapping orders.yaml");
    }

    @Test
    void invalidMappingInTheFolderFailsNamingItsFile() throws IOException {
        Files.writeString(dir.resolve("a-good.yaml"), VALID);
        Files.writeString(dir.resolve("b-bad.yml"), VALID.replace("test-layout", "other").replace("金额\n", "金额\n  fees: 费\n"));

        assertThatThrownBy(() -> FormatDetector.withMappings(dir))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("b-bad.yml: unknown key 'fields.fees'");
    }

    @Test
    void missingFolderIsAnError() {
        assertThatThrownBy(() -> FormatDetector.withMappings(dir.resolve("nowhere")))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("nowhere does not exist");
    }
}
