package dev.ensemu.server.control;

import dev.ensemu.contract.exchange.ViolationLedger;
import java.util.Optional;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.metrics.EmulatorMetrics;
import dev.ensemu.server.state.ControlPlaneWrites;
import dev.ensemu.server.storage.StorageHealth;

/**
 * What the control plane acts on, handed over by the wiring (so the control plane never reaches
 * back into it).
 *
 * @param reset   back to the seed: state, faults, journal
 * @param storage the health of where the state lives
 * @param version the server's version, for health
 * @param violations what the upstream's answers broke, when calls are forwarded to one ({@code --upstream})
 */
public record ControlPlaneServices(ControlPlaneWrites state, FaultInjector faults, Journal journal, EmulatorMetrics metrics,
        Runnable reset, StorageHealth storage, String version, Optional<ViolationLedger> violations) {}
