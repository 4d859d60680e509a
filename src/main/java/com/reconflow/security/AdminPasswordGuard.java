package com.reconflow.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile the administrator's password must come from the environment. Camunda
 * would otherwise create the admin with its user id as password, so this runs before any bean,
 * and the engine, is created.
 */
@Component
class AdminPasswordGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        String password = environment.getProperty("camunda.bpm.admin-user.password");
        if (!demo && (password == null || password.isBlank())) {
            throw new IllegalStateException("RECON_ADMIN_PASSWORD is not set. Outside the demo profile the "
                    + "administrator's password must come from the environment: set RECON_ADMIN_PASSWORD "
                    + "(and optionally RECON_ADMIN_USER) and start again.");
        }
    }
}
