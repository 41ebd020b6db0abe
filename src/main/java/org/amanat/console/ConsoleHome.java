package org.amanat.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's home: who is signed in and with which roles. The gateway's own address leads here. */
@Controller
class ConsoleHome {
    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Authentication signedIn, Model model) {
        List<String> roles = signedIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring(5))
                .sorted()
                .toList();
        model.addAttribute("name", signedIn.getName());
        model.addAttribute("roles", roles);
        return "console/home";
    }
}
