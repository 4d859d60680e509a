package com.reconflow.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo users of the public contract, and a second finance manager so that four eyes can be shown.
 * They exist only in the demo profile: their passwords are published, so no other profile may ever
 * create them.
 */
@Component
@Profile("demo")
@Order(2)
class DemoUsers implements ApplicationRunner {

    private record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("finance", "Fang", "Li", List.of(Groups.FINANCE)),
            new DemoUser("manager", "Wei", "Zhang", List.of(Groups.FINANCE, Groups.FINANCE_MANAGER)),
            // A second finance manager: four eyes needs two, e.g. for a case the routing gives the managers.
            new DemoUser("controller", "Na", "Liu", List.of(Groups.FINANCE_MANAGER)),
            new DemoUser("auditor", "Min", "Chen", List.of(Groups.AUDITOR)),
            new DemoUser("ops", "Jun", "Wang", List.of(Groups.OPERATIONS)),
            new DemoUser("buyer", "Lei", "Zhao", List.of(Groups.PURCHASING)));

    private final IdentityService identityService;

    DemoUsers(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            User user = identityService.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@demo.reconflow.local");
            user.setPassword(demo.id());
            identityService.saveUser(user);
            demo.groups().forEach(group -> identityService.createMembership(demo.id(), group));
        }
    }
}
