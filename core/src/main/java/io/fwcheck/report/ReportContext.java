package io.fwcheck.report;

import java.nio.file.Path;

/**
 * What the CI formats need besides a result: the tool's version, and the directory file names are
 * relative to (the {@code %SRCROOT%} of SARIF, the base of GitHub annotation paths).
 *
 * @param toolVersion the fwcheck version, e.g. {@code 0.1.0}
 * @param workingDirectory an absolute directory: relative file names in results are relative to it
 */
public record ReportContext(String toolVersion, Path workingDirectory) {

    public ReportContext {
        if (toolVersion == null || workingDirectory == null || !workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("tool version and an absolute working directory are required");
        }
        workingDirectory = workingDirectory.normalize();
    }
}
