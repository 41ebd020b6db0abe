package org.amanat;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/architecture.md} says which module uses which; this keeps it true. The modules are the packages right
 * under {@code org.amanat}; a module uses another when one of its classes refers to one of the other's.
 */
class ArchitectureDocumentTest {
    private static final String ROOT = "org.amanat.";
    private static final Pattern EDGE = Pattern.compile("^\\s*([a-z]+) --> ([a-z]+)\\s*$", Pattern.MULTILINE);

    @Test
    void theModuleDiagramIsTheCodesDependencies() throws IOException {
        assertThat(documented())
                .as("the module diagram of docs/architecture.md (left: as written, right: as compiled)")
                .isEqualTo(compiled());
    }

    private static Set<String> documented() throws IOException {
        String document = Files.readString(Path.of("docs/architecture.md"));
        int start = document.indexOf("<!-- module-diagram");
        int end = document.indexOf("<!-- /module-diagram -->");
        assertThat(start).as("the diagram's markers").isNotNegative().isLessThan(end);
        Set<String> edges = new TreeSet<>();
        Matcher edge = EDGE.matcher(document.substring(start, end));
        while (edge.find()) {
            edges.add(edge.group(1) + " --> " + edge.group(2));
        }
        return edges;
    }

    private static Set<String> compiled() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.amanat");
        Set<String> edges = new TreeSet<>();
        for (JavaClass origin : classes) {
            String from = module(origin.getPackageName());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = module(dependency.getTargetClass().getPackageName());
                if (from != null && to != null && !from.equals(to)) {
                    edges.add(from + " --> " + to);
                }
            }
        }
        return edges;
    }

    /** The module of a package, or null outside the modules (the application class, libraries). */
    private static String module(String packageName) {
        if (!packageName.startsWith(ROOT)) {
            return null;
        }
        String rest = packageName.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
