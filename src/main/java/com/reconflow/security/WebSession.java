package com.reconflow.security;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * The login of the Camunda webapps, kept in the HTTP session, shared with ReconFlow's dashboard: whoever
 * logged in to Tasklist is logged in to the dashboard and the other way round, with one logout for both.
 * The session holds Camunda's own {@link Authentications}, written and refreshed with Camunda's own
 * {@link AuthenticationUtil}, so both sides read and write it alike.
 */
@Component
public class WebSession {

    private final ProcessEngine engine;
    private final long cacheTimeToLive;

    WebSession(ProcessEngine engine, CamundaBpmProperties properties) {
        this.engine = engine;
        var cache = properties.getWebapp().getAuth().getCache();
        // As Camunda's own filter: groups are read again after this long, a deleted user is logged out.
        this.cacheTimeToLive = cache.isTtlEnabled() ? cache.getTimeToLive() : 0;
    }

    /** The user logged in to this request's session, if any, with their groups as of the cache's last refresh. */
    public Optional<UserAuthentication> user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (!authentications.hasAuthenticationForProcessEngine(engine.getName())) {
            return Optional.empty();
        }
        AuthenticationUtil.updateCache(authentications, session, cacheTimeToLive);
        AuthenticationUtil.updateSession(session, authentications);
        return Optional.ofNullable(
                (UserAuthentication) authentications.getAuthenticationForProcessEngine(engine.getName()));
    }

    /**
     * Checks the password with the engine and, when it holds, logs the session in as Camunda's login does: a new
     * session (no session fixation) carrying the user's groups and the webapps they may open.
     */
    public Optional<UserAuthentication> logIn(HttpServletRequest request, String userId, String password) {
        var identity = engine.getIdentityService();
        identity.clearAuthentication();
        if (userId == null || userId.isBlank() || password == null || !identity.checkPassword(userId, password)) {
            return Optional.empty();
        }
        UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, userId);
        if (authentication == null) {
            return Optional.empty();
        }
        if (cacheTimeToLive > 0) {
            authentication.setCacheValidationTime(new Date(ClockUtil.getCurrentTime().getTime() + cacheTimeToLive));
        }
        AuthenticationUtil.revalidateSession(request, authentication);
        return Optional.of(authentication);
    }

    /** Logs the session out of the dashboard and the Camunda webapps alike. */
    public void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Whether a session's user may read ReconFlow's figures (the dashboard, {@code GET /api}). */
    public static boolean isReader(UserAuthentication user) {
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        return groups.stream().anyMatch(Groups.READERS::contains);
    }
}
