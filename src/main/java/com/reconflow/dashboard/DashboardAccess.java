package com.reconflow.dashboard;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.reconflow.security.WebSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The dashboard's pages and the scripts they load are for logged-in readers only: without a session the
 * browser goes to {@code /login} and comes back to the page it asked for; a user outside the readers'
 * groups (e.g. purchasing, logged in to Tasklist) is refused.
 */
final class DashboardAccess extends OncePerRequestFilter {

    private final WebSession webSession;

    DashboardAccess(WebSession webSession) {
        this.webSession = webSession;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = webSession.user(request);
        if (user.isEmpty()) {
            String asked = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + "/login?next="
                    + URLEncoder.encode(asked, StandardCharsets.UTF_8));
            return;
        }
        if (!WebSession.isReader(user.get())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "对账看板仅对财务、运营、审计和管理员开放");
            return;
        }
        chain.doFilter(request, response);
    }
}
