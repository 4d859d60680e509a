package com.reconflow.run;

import java.nio.file.Path;

import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

class EndToEndReconciliationOnMariaDbTest extends MariaDbAppTest implements EndToEndReconciliation {

    @Autowired
    TestRestTemplate rest;

    @Override
    public TestRestTemplate rest() {
        return rest;
    }

    @Override
    public Path inbox() {
        return INBOX;
    }
}
