package com.reconflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries the code promises: feature packages without cycles, a framework-free domain. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.reconflow");

    private static final String[] FRAMEWORKS = {"org.springframework..", "org.camunda..", "org.apache.camel.."};

    @Test
    void featurePackagesDoNotDependOnEachOtherInCircles() {
        slices().matching("com.reconflow.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void fileParsersArePlainJava() {
        noClasses().that().resideInAPackage("com.reconflow.ingest.format..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(CLASSES);
    }

    @Test
    void theMatcherIsPlainJavaAndOnlyItsStoresTouchSpring() {
        noClasses().that().resideInAPackage("com.reconflow.matching..")
                .and().doNotHaveSimpleName("DayMatching")
                .and().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(CLASSES);
    }

    @Test
    void theSyntheticDayGeneratorIsPlainJava() {
        noClasses().that().resideInAPackage("com.reconflow.demo..")
                .and().doNotHaveSimpleName("DemoDaySeeder")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(CLASSES);
    }
}
