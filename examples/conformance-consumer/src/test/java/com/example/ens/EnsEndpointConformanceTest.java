package com.example.ens;

import dev.ensemu.conformance.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our endpoint against the ENS DescribeExportImageInfo contract: one test per conformance check. */
class EnsEndpointConformanceTest {
    @TestFactory
    Stream<DynamicTest> endpointConformsToEns() {
        // -Dens.endpoint, -Dens.accessKeyId, -Dens.accessKeySecret (and optionally -Dens.signature=v3, -Dens.strict=true)
        return ConformanceTests.fromProperties().dynamicTests();
    }
}
