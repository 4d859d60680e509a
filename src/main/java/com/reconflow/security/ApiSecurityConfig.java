package com.reconflow.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP Basic with the engine's users on the engine REST API (Camunda leaves it open by default)
 * and on ReconFlow's own API, where the logged-in browser session may also read, then a group check
 * for {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig implements WebMvcConfigurer {

    /** The audit trail has readers of its own (Groups.AUDIT_READERS) and nothing to change. */
    private static final String[] AUDIT_PATHS = {"/api/audit", "/api/audit/**"};

    /** Stock is kept by operations and purchasing (Groups.STOCK_KEEPERS). */
    private static final String[] STOCK_PATHS = {"/api/stock", "/api/stock/**"};

    private final CurrentUser currentUser;

    ApiSecurityConfig(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("reconflow-basic-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** ReconFlow's API: HTTP Basic, or the logged-in browser session for reading (see ApiAuthentication). */
    @Bean
    FilterRegistrationBean<ApiAuthentication> apiAuthentication(WebSession webSession, IdentityService identityService) {
        var registration = new FilterRegistrationBean<>(new ApiAuthentication(webSession, identityService));
        registration.setName("reconflow-api-authentication");
        registration.addUrlPatterns("/api/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new GroupCheck(Groups.READERS, Groups.OPERATORS)).addPathPatterns("/api/**")
                .excludePathPatterns(AUDIT_PATHS).excludePathPatterns(STOCK_PATHS);
        registry.addInterceptor(new GroupCheck(Groups.AUDIT_READERS, List.of())).addPathPatterns(AUDIT_PATHS);
        registry.addInterceptor(new GroupCheck(Groups.STOCK_READERS, Groups.STOCK_KEEPERS)).addPathPatterns(STOCK_PATHS);
    }

    /**
     * Reading needs one of the {@code readers}' groups, anything else one of the {@code writers}'. Auditors
     * are readers only: whatever else changes, no call of theirs changes anything.
     */
    private final class GroupCheck implements HandlerInterceptor {

        private final List<String> readers;
        private final List<String> writers;

        GroupCheck(List<String> readers, List<String> writers) {
            this.readers = readers;
            this.writers = writers;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws Exception {
            boolean reads = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
            var allowed = reads ? readers : writers;
            if (currentUser.groups().stream().noneMatch(allowed::contains)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN,
                        "requires one of the groups " + allowed);
                return false;
            }
            return true;
        }
    }
}
