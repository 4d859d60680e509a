package com.reconflow.dashboard;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import com.reconflow.config.ReconProperties;
import com.reconflow.security.WebSession;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /dashboard/me}: who is logged in, and the business zone with its offset now, by which the pages
 * turn a time the user picks (business zone, no offset) into the instants the API takes.
 */
@RestController
class DashboardSessionController {

    record Me(String userId, List<String> groups, String zone, String offset) {
    }

    private final WebSession webSession;
    private final ZoneId zone;
    private final Clock clock;

    DashboardSessionController(WebSession webSession, ReconProperties properties, Clock clock) {
        this.webSession = webSession;
        this.zone = properties.zone();
        this.clock = clock;
    }

    @GetMapping("/dashboard/me")
    Me me(HttpServletRequest request) {
        var user = webSession.user(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "not logged in"));
        return new Me(user.getIdentityId(), user.getGroupIds(), zone.getId(),
                zone.getRules().getOffset(clock.instant()).getId());
    }
}
