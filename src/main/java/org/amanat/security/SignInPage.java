package org.amanat.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page: the user name and password form when there are password users, a link to each OpenID Connect
 * provider configured, and why the browser was sent back here (a failed sign-in, a hold after too many, a sign-out).
 */
@Controller
class SignInPage {
    /** A provider's link on the page: {@code /oauth2/authorization/{id}} starts its login. */
    record Provider(String id, String name) {}

    private final boolean passwords;
    private final List<Provider> providers;

    SignInPage(
            SecuritySettings settings,
            Environment environment,
            ObjectProvider<ClientRegistrationRepository> registrations) {
        this.passwords = SecurityConfiguration.hasUsers(settings, environment);
        List<Provider> found = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                found.add(new Provider(client.getRegistrationId(), client.getClientName()));
            }
        }
        this.providers = List.copyOf(found);
    }

    @GetMapping(BrowserSignIn.SIGN_IN_PAGE)
    String signIn(
            @RequestParam(required = false) String failed,
            @RequestParam(required = false) Long heldBack,
            @RequestParam(required = false) String signedOut,
            Model model) {
        model.addAttribute("passwords", passwords);
        model.addAttribute("providers", providers);
        model.addAttribute("failed", failed != null);
        model.addAttribute("heldBack", heldBack == null ? null : Math.max(1, Math.min(heldBack, 86_400)));
        model.addAttribute("signedOut", signedOut != null);
        return "login";
    }
}
