package dev.ensemu.server.logging;

/** How log lines are written: readable text, or one JSON object per line for log pipelines. */
public enum LogFormat {
    TEXT,
    JSON
}
