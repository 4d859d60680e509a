package com.reconflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * A run that waits for the bank: the statement with the day's settlement is the next day's (and
 * dated so), and it completes the day's collection all the same. (Its days are used by no other test
 * of the shared application context.)
 */
class BankStatementCollectionTest extends H2AppTest {

    private static final String STATEMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>CCB2025062600000001</MsgId><CreDtTm>2025-06-26T18:30:00+08:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>STMT-20250626-001</Id>
                  <Acct><Id><Othr><Id>31050161393600001234</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                  <Ntry>
                    <NtryRef>1</NtryRef>
                    <Amt Ccy="CNY">1234.56</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><Dt>2025-06-26</Dt></BookgDt>
                    <ValDt><Dt>2025-06-26</Dt></ValDt>
                    <AcctSvcrRef>2025062600000000000001</AcctSvcrRef>
                    <NtryDtls><TxDtls><Refs><EndToEndId>ALIPAY-SETTLE-20250625</EndToEndId></Refs></TxDtls></NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theNextDaysStatementWithTheDaysSettlementCompletesTheCollection() {
        Api finance = Api.as(rest(), "finance");
        Map<?, ?> run = finance.post("/api/runs", Map.of("businessDate", "2025-06-25", "sources", List.of("bank")),
                Map.class).getBody();

        var imported = finance.importFile("bank", "camt053_20250626.xml", STATEMENT);
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(imported.getBody().get("businessDate")).as("the statement's own day").isEqualTo("2025-06-26");

        String path = "/api/runs/" + run.get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "ARCHIVED".equals(finance.getJson(path).get("status")));
        assertThat((Map<String, Object>) finance.getJson(path).get("counts")).containsEntry("discrepancies", 0);
    }
}
