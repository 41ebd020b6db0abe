package org.amanat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Spring Modulith's reading of the modules (the packages right under {@code org.amanat}): no cycles between them, and
 * no module reaching into another's internals. {@link ModuleBoundariesTest} adds the rules Modulith does not know
 * (the kit's independence from Spring, compliance used by nobody), {@link ArchitectureDocumentTest} keeps the diagram true.
 */
class ModulesTest {
    @Test
    void theModulesHaveNoCyclesAndUseOnlyWhatEachOtherExposes() {
        ApplicationModules.of(AmanatApplication.class).verify();
    }
}
