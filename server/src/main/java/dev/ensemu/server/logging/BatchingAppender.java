package dev.ensemu.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Hand-written because of a figure (below): Logback's own asynchronous appender costs more.
 * Writes log lines to standard error in batches. A request thread encodes its line and adds it to
 * a lock-free queue, without waking anyone; one writer thread drains the queue every few
 * milliseconds into a single write (cheaper than Logback's AsyncAppender, which wakes its thread
 * for every line, and than a direct write, which makes request threads queue on one lock: README,
 * "Performance"). Lines are never dropped: when too many wait, the request thread writes them
 * itself; {@link #stop()} writes what is left.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final Duration PERIOD = Duration.ofMillis(10);
    private static final int MAX_WAITING = 65_536;

    private final ConcurrentLinkedQueue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final Object writeLock = new Object();
    private final OutputStream out;
    private Encoder<ILoggingEvent> encoder;
    private Thread writer;

    public BatchingAppender() {
        this(new FileOutputStream(FileDescriptor.err));
    }

    BatchingAppender(OutputStream out) {
        this.out = out;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for " + getName());
            return;
        }
        writer = new Thread(this::writeUntilStopped, "ensemu-log-writer");
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        waiting.add(encoder.encode(event));
        if (waitingCount.incrementAndGet() > MAX_WAITING) {
            writeWaiting(); // the writer cannot keep up: this thread helps rather than let the queue grow
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        LockSupport.unpark(writer);
        try {
            writer.join(PERIOD.multipliedBy(100).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeWaiting();
    }

    private void writeUntilStopped() {
        while (isStarted()) {
            LockSupport.parkNanos(PERIOD.toNanos());
            writeWaiting();
        }
    }

    private void writeWaiting() {
        synchronized (writeLock) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            byte[] line;
            while ((line = waiting.poll()) != null) {
                waitingCount.decrementAndGet();
                batch.writeBytes(line);
            }
            if (batch.size() == 0) {
                return;
            }
            try {
                batch.writeTo(out);
                out.flush();
            } catch (IOException e) {
                addError("cannot write log lines", e);
            }
        }
    }
}
