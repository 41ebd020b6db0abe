package org.amanat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries of DESIGN.md section 6, checked on the compiled classes. */
class ModuleBoundariesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.amanat");

    @Test
    void protocolIsPureJavaBouncyCastleJacksonAndPicocliSoItShipsAsThePartnerKit() {
        noClasses()
                .that()
                .resideInAPackage("org.amanat.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..", "jakarta..")
                .orShould()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.amanat.protocol..",
                        "java..",
                        "javax..",
                        "org.bouncycastle..",
                        "com.fasterxml.jackson..",
                        "picocli..",
                        "com.sun.net.httpserver..")
                .check(MAIN);
    }

    @Test
    void bouncyCastleStaysInsideProtocol() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.amanat.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bouncycastle..")
                .check(MAIN);
    }

    @Test
    void noOtherModuleDependsOnComplianceSoTheNoticeFlowNeverWaitsForIt() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.amanat.compliance..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.amanat.compliance..")
                .check(MAIN);
    }

    @Test
    void theLedgerKnowsNothingOfTheModulesAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("org.amanat.ledger..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.amanat.notice..",
                        "org.amanat.delivery..",
                        "org.amanat.partner..",
                        "org.amanat.web..",
                        "org.amanat.demo..",
                        "org.amanat.compliance..")
                .check(MAIN);
    }
}
