package com.reconflow.support;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a test of the running application reaches: its HTTP port, its database, its inbox and its beans.
 * Scenarios written once as interfaces run on each database through the subclasses.
 */
public abstract class AppTest {

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ApplicationContext context;

    public TestRestTemplate rest() {
        return rest;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** One of the application's beans, for scenarios that call a service directly. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public abstract Path inbox();
}
