package dev.ensemu.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging of the command-line server: everything (Grizzly and Jersey through java.util.logging too)
 * to standard error in batches (see {@link BatchingAppender}), which leaves standard output to the
 * start-up lines scripts read.
 */
public final class LogSetup {

    private LogSetup() {}

    /** Replaces any earlier configuration. */
    public static void configure(LogFormat format, org.slf4j.event.Level threshold) {
        Level level = Level.toLevel(threshold.name());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        LevelChangePropagator toJul = new LevelChangePropagator();
        toJul.setContext(context);
        toJul.setResetJUL(true);
        toJul.start();
        context.addListener(toJul);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        BatchingAppender console = new BatchingAppender();
        console.setContext(context);
        console.setName("stderr");
        console.setEncoder(encoder(format, context));
        console.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(console);
        // Grizzly and Jersey announce every listener at INFO; ensemu's own start-up line is enough.
        context.getLogger("org.glassfish").setLevel(level == Level.INFO ? Level.WARN : level);
        // The pool reports each broken connection with a stack trace; Database reports the database's
        // state itself (one warning per 5 s of an outage, the reason in health, one line at start-up).
        context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
        context.getLogger("org.flywaydb").setLevel(level == Level.INFO ? Level.WARN : level);
        // On a runtime without java.desktop (the container image) Jersey warns that it cannot write
        // images; ensemu never does.
        context.getLogger("org.glassfish.jersey.message.internal.MessagingBinders").setLevel(Level.ERROR);
    }

    /** Writes out what is waiting and stops; called last on shutdown. */
    public static void flush() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        if (format == LogFormat.JSON) {
            JsonLineEncoder json = new JsonLineEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        TextLineEncoder text = new TextLineEncoder();
        text.setContext(context);
        text.start();
        return text;
    }
}
