package io.fwcheck.cli;

import io.fwcheck.analysis.AuditListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar for audits on a terminal's standard error: {@code [#####.....] 12/40
 * files}, redrawn at most ten times a second and erased when the audit is done. Thread-safe.
 */
final class ProgressBar implements AuditListener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private int total;
    private int done;
    private long drawn;
    private int lastLength;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void started(int files) {
        total = files;
        draw();
    }

    @Override
    public synchronized void done(String file) {
        done++;
        long now = System.nanoTime();
        if (done == total || now - drawn >= REDRAW_NANOS) {
            draw();
        }
    }

    private void draw() {
        drawn = System.nanoTime();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " files";
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Erases the bar, leaving the cursor at the start of an empty line. */
    synchronized void close() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
