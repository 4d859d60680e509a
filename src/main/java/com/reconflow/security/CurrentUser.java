package com.reconflow.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is calling. The engine's authentication filter has checked the password and set the user and
 * groups for this request; ReconFlow has no user store of its own.
 */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public String id() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null) {
            throw new IllegalStateException("no authenticated user on this request");
        }
        return authentication.getUserId();
    }

    public List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null
                ? List.of() : authentication.getGroupIds();
    }
}
