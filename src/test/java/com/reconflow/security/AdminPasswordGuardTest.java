package com.reconflow.security;

import com.reconflow.ReconFlowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminPasswordGuardTest {

    @Test
    void outsideTheDemoProfileTheAppRefusesToStartWithoutAnAdminPassword() {
        var app = new SpringApplicationBuilder(ReconFlowApplication.class);

        assertThatThrownBy(() -> app.run("--spring.profiles.active=prod", "--camunda.bpm.admin-user.password=",
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:guard-test;DB_CLOSE_DELAY=-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECON_ADMIN_PASSWORD");
    }
}
