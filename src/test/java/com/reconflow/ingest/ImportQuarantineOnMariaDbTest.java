package com.reconflow.ingest;

import java.nio.file.Path;

import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

class ImportQuarantineOnMariaDbTest extends MariaDbAppTest implements ImportQuarantine {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Override
    public TestRestTemplate rest() {
        return rest;
    }

    @Override
    public Path inbox() {
        return INBOX;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }
}
