package com.reconflow.support;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a test of the running application reaches: its HTTP port, its database and its inbox.
 * Scenarios written once as interfaces run on each database through the subclasses.
 */
public abstract class AppTest {

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private JdbcClient jdbc;

    public TestRestTemplate rest() {
        return rest;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public abstract Path inbox();
}
