package dev.ensemu.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph, from the domain at the bottom to the wiring at the top: no cycles, the
 * domain depends on nothing of ours, nothing depends on the wiring, generated code is only
 * reached from the HTTP layer, the services below it know nothing of HTTP, no filter or resource
 * but CurrentRequest keeps request state on the thread, and the ENS operations and the control
 * plane each reach the state through their own room.
 */
@AnalyzeClasses(packages = "dev.ensemu.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] HTTP_LAYER = {"dev.ensemu.server.rpc..", "dev.ensemu.server.operations..",
            "dev.ensemu.server.control..", "dev.ensemu.server.docs..", "dev.ensemu.server.http.."};
    private static final String[] SERVICES = {"dev.ensemu.server.domain..", "dev.ensemu.server.auth..",
            "dev.ensemu.server.state..", "dev.ensemu.server.seed..", "dev.ensemu.server.faults..", "dev.ensemu.server.journal..",
            "dev.ensemu.server.metrics..", "dev.ensemu.server.logging.."};

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.ensemu.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainDependsOnNothingOfOurs = classes().that().resideInAPackage("dev.ensemu.server.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.ensemu.server.domain..", "java..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWiring = noClasses().that().resideOutsideOfPackage("dev.ensemu.server")
            .should().dependOnClassesThat().resideInAPackage("dev.ensemu.server");

    @ArchTest
    static final ArchRule generatedCodeOnlyFromTheHttpLayer = noClasses().that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAPackage("dev.ensemu.api..");

    @ArchTest
    static final ArchRule servicesKnowNothingOfHttp = noClasses().that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.glassfish..");

    /** The storage kind is chosen once, by storage.Stores: the rest of the application sees only its ports. */
    @ArchTest
    static final ArchRule storageKindsStayInsideStorage = noClasses().that().resideOutsideOfPackage("dev.ensemu.server.storage..")
            .should().dependOnClassesThat().haveNameMatching("dev\\.ensemu\\.server\\.storage\\.(Postgres\\w*|DataDirStorage|MemoryStorage|Database)(\\$.*)?");

    /** Request state travels as request properties; only CurrentRequest, which opens and closes it, keeps it on the thread. */
    @ArchTest
    static final ArchRule onlyCurrentRequestKeepsRequestStateOnTheThread = noClasses().that()
            .implement(jakarta.ws.rs.container.ContainerRequestFilter.class).or().implement(jakarta.ws.rs.container.ContainerResponseFilter.class)
            .or().areAnnotatedWith(jakarta.ws.rs.Path.class)
            .and().haveNameNotMatching("dev\\.ensemu\\.server\\.rpc\\.CurrentRequest(\\$.*)?")
            .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class);

    /** The ENS operations reach the state only through ImageOperations, the control plane only through ControlPlaneWrites. */
    @ArchTest
    static final ArchRule operationsDoNotWriteAsTheControlPlane = noClasses().that().resideInAPackage("dev.ensemu.server.operations..")
            .should().dependOnClassesThat().haveNameMatching("dev\\.ensemu\\.server\\.state\\.(ControlPlaneWrites|EmulatorState|StorageCatchUp)(\\$.*)?");

    @ArchTest
    static final ArchRule theControlPlaneDoesNotServeEnsOperations = noClasses().that().resideInAPackage("dev.ensemu.server.control..")
            .should().dependOnClassesThat().haveNameMatching("dev\\.ensemu\\.server\\.state\\.(ImageOperations|EmulatorState)(\\$.*)?");

    /** The seed format is read and written in one place: SeedCodec (files through SeedLoader). */
    @ArchTest
    static final ArchRule onlySeedCodecBindsTheSeedFormat = noClasses().that().resideOutsideOfPackage("dev.ensemu.server.seed..")
            .should().dependOnClassesThat().haveNameMatching("dev\\.ensemu\\.server\\.seed\\.SeedFile(\\$.*)?");

    /** Each operation's code is in its own package under operations, and no operation uses another's. */
    @ArchTest
    static final ArchRule operationsAreIndependent = slices().matching("dev.ensemu.server.operations.(*)..")
            .should().notDependOnEachOther();

    /**
     * The generated interface and answer of an operation are its own: only its package and the one
     * list of served operations name them (the shared models, Image and the error envelope, are anyone's).
     */
    @ArchTest
    static final ArchRule operationSpecificGeneratedCodeStaysInItsOperation = noClasses().that()
            .resideOutsideOfPackage("dev.ensemu.server.operations..")
            .and().doNotHaveFullyQualifiedName("dev.ensemu.server.ServedOperations")
            .should().dependOnClassesThat()
            .haveNameMatching("dev\\.ensemu\\.api\\.(\\w+Api|model\\.(?!ErrorResponse)\\w+(Response|Form))");

    @ArchTest
    static final ArchRule handlersAreReachedOnlyThroughTheListOfServedOperations = noClasses().that()
            .resideOutsideOfPackage("dev.ensemu.server.operations..")
            .and().doNotHaveFullyQualifiedName("dev.ensemu.server.ServedOperations")
            .should().dependOnClassesThat().resideInAPackage("dev.ensemu.server.operations..");

    @ArchTest
    static final ArchRule theHttpLayerIsWhereResourcesLive = classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
            .should().resideInAnyPackage(HTTP_LAYER);
}
