package dev.ensemu.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The suite's package graph: the target at the bottom, then the client, the checks, the reports,
 * and the runner on top. No cycles, nothing depends on the runner, and never any server code.
 */
@AnalyzeClasses(packages = "dev.ensemu.conformance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.ensemu.conformance.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingDependsOnTheRunner = noClasses().that().resideOutsideOfPackage("dev.ensemu.conformance")
            .should().dependOnClassesThat().resideInAPackage("dev.ensemu.conformance");

    @ArchTest
    static final ArchRule theEndpointPackageKnowsNoChecksOrClient = noClasses().that().resideInAPackage("dev.ensemu.conformance.endpoint..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ensemu.conformance.client..", "dev.ensemu.conformance.checks..",
                    "dev.ensemu.conformance.report..");

    @ArchTest
    static final ArchRule neverServerCode = noClasses().should().dependOnClassesThat().resideInAPackage("dev.ensemu.server..");
}
