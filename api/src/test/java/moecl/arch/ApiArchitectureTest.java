package moecl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The api's packages form no cycles, and the plugin SPI's own packages (tasks, experts, routers) do not reach into
 * the engine, the metrics or the theory: what those need from a plugin comes through capability interfaces that
 * live with them ({@code metrics.OwnMetrics}, {@code theory.TheoryWorld}).
 */
class ApiArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("moecl");

    @Test
    void apiPackagesHaveNoCycles() {
        slices().matching("moecl.(*)..").should().beFreeOfCycles().check(API);
    }

    @Test
    void theSpiDoesNotDependOnTheEngineMetricsOrTheory() {
        noClasses().that().resideInAnyPackage("moecl.task..", "moecl.expert..", "moecl.router..", "moecl.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("moecl.engine..", "moecl.metrics..",
                        "moecl.theory..", "moecl.plugin..")
                .check(API);
    }

    @Test
    void stabilityMarkersDependOnNothing() {
        noClasses().that().resideInAPackage("moecl.spi..").should().dependOnClassesThat()
                .resideOutsideOfPackages("java..", "moecl.spi..").check(API);
    }
}
