package com.reconflow.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.reconflow.security.WebSession;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /login} and {@code /logout} of the dashboard. The login is Camunda's (see {@link WebSession}):
 * after it the same browser is also logged in to Tasklist, and logging out ends both.
 */
@Controller
class LoginController {

    static final String HOME = "/dashboard/";

    private final WebSession webSession;

    LoginController(WebSession webSession) {
        this.webSession = webSession;
    }

    /** The login form; it reads {@code error} and {@code next} from its own address. */
    @GetMapping("/login")
    String form() {
        return "forward:/dashboard/login.html";
    }

    @PostMapping("/login")
    String logIn(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String next, HttpServletRequest request) {
        String target = safeNext(next);
        var user = webSession.logIn(request, username, password);
        if (user.isEmpty()) {
            return "redirect:/login?error=credentials&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        }
        if (!WebSession.isReader(user.get())) {
            // Logged in all the same: Tasklist may be theirs, only the figures are not.
            return "redirect:/login?error=forbidden";
        }
        return "redirect:" + target;
    }

    @PostMapping("/logout")
    String logOut(HttpServletRequest request) {
        webSession.logOut(request);
        return "redirect:/login?loggedOut";
    }

    /** Back to a dashboard page only: a login link must not send people to another site after the login. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/dashboard/") || next.contains("//") || next.contains("\\")) {
            return HOME;
        }
        return next;
    }
}
