package com.reconflow.dashboard;

import com.reconflow.security.WebSession;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The dashboard's static pages (src/main/resources/static/dashboard) behind the login. */
@Configuration(proxyBeanMethods = false)
class DashboardWeb implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<DashboardAccess> dashboardAccess(WebSession webSession) {
        var registration = new FilterRegistrationBean<>(new DashboardAccess(webSession));
        registration.setName("reconflow-dashboard-access");
        registration.addUrlPatterns("/dashboard", "/dashboard/*", "/webjars/*");
        // Not on forwards: GET /login forwards to its page under /dashboard/.
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", LoginController.HOME);
        registry.addViewController(LoginController.HOME).setViewName("forward:/dashboard/index.html");
    }
}
