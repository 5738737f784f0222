package io.fwcheck.analysis;

/**
 * Follows an audit as it goes, e.g. to draw a progress bar. {@link #started} is called once from
 * the thread that runs the audit; {@link #done} from the worker threads, so it must be thread-safe.
 */
public interface AuditListener {

    /** Listens to nothing. */
    AuditListener NONE = new AuditListener() {};

    /** The audit found this many files to look at. */
    default void started(int files) {}

    /** One file is done: audited, failed to load, or skipped as not a ruleset. */
    default void done(String file) {}
}
