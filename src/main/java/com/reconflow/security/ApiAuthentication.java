package com.reconflow.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Who calls {@code /api}: HTTP Basic with an engine user, as scripts do, or, for reading only, the
 * browser's logged-in session (the dashboard's fetches carry no password). Anything that changes
 * something still needs HTTP Basic, so a session never writes: a page of another site cannot make a
 * logged-in browser change anything (no CSRF surface), whatever cookies it sends along.
 */
final class ApiAuthentication implements Filter {

    private final ProcessEngineAuthenticationFilter basic = new ProcessEngineAuthenticationFilter();
    private final WebSession webSession;
    private final IdentityService identityService;

    ApiAuthentication(WebSession webSession, IdentityService identityService) {
        this.webSession = webSession;
        this.identityService = identityService;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        basic.init(config);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        boolean reads = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        // An explicit Authorization header always wins: a script's credentials are checked as given.
        Optional<UserAuthentication> user = reads && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? webSession.user(request) : Optional.empty();
        if (user.isEmpty()) {
            basic.doFilter(request, response, chain);
            return;
        }
        List<String> groups = user.get().getGroupIds() == null ? List.of() : user.get().getGroupIds();
        List<String> tenants = user.get().getTenantIds() == null ? List.of() : user.get().getTenantIds();
        identityService.setAuthentication(user.get().getIdentityId(), groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Override
    public void destroy() {
        basic.destroy();
    }
}
