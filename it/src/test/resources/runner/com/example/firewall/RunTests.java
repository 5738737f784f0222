package com.example.firewall;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the sample consumer's tests with the JUnit Platform, everything on the module path: prints
 * one line per test ({@code PASS name} or {@code FAIL name: message}) and the counts, and exits 1
 * when a test failed. Compiled into the sample's module by ConsumerProjectTest.
 */
public final class RunTests {

    private RunTests() {}

    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args) {
            request.selectors(selectClass(name));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener lines = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    System.out.println("PASS " + test.getDisplayName());
                } else {
                    System.out.println("FAIL " + test.getDisplayName() + ": "
                            + result.getThrowable().map(Throwable::toString).orElse(result.getStatus().toString()));
                }
            }
        };
        launcher.execute(discovery, summary, lines);
        long found = summary.getSummary().getTestsFoundCount();
        long failed = summary.getSummary().getTotalFailureCount();
        System.out.println(found + " tests, " + summary.getSummary().getTestsSucceededCount() + " passed, " + failed + " failed");
        System.exit(failed == 0 && found > 0 ? 0 : 1);
    }
}
