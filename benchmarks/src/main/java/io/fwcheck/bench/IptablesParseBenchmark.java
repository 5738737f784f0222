package io.fwcheck.bench;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.iptables.ChainProgram;
import io.fwcheck.format.iptables.IptablesReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Reading iptables-save output: {@link IptablesReader#readChains} of a real dump, every rule of
 * every table read and checked and the filter table's chains built for INPUT (what every command
 * does before flattening). Throughput in operations per second; the {@code bytes} line is the
 * same in bytes per second (divide by 10^6 for MB/s), the {@code cpuMegabytesPerSecond} line the
 * megabytes per second of CPU time. Needs the shared data directory, like {@link ClassBenchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IptablesParseBenchmark {

    @Param({RealDumps.LARGEST, RealDumps.LARGEST_V4})
    public String file;

    private String text;
    private String name;

    /** Bytes read per second of wall-clock time, as a JMH secondary result. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    /**
     * Megabytes read per second of the benchmark thread's CPU time: on a machine shared with other
     * work, wall-clock rates fall with the load, CPU-time rates much less. JMH adds up such counters
     * over the measured iterations, so each iteration reports its rate divided by their number: the
     * result line is the mean.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuRate {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double cpuMegabytesPerSecond;
        private long bytes;
        private long nanos;
        private int iterations;

        @Setup(Level.Iteration)
        public void reset(IterationParams params) {
            bytes = 0;
            nanos = 0;
            cpuMegabytesPerSecond = 0;
            iterations = Math.max(1, params.getCount());
        }

        void add(long read, long cpuNanos) {
            bytes += read;
            nanos += cpuNanos;
            cpuMegabytesPerSecond = nanos == 0 ? 0 : bytes * 1e3 / nanos / iterations;
        }
    }

    @Setup(Level.Trial)
    public void read() {
        Path path = RealDumps.file(file);
        text = RulesetLoader.readDump(path);
        name = path.toString();
        System.out.println();
        System.out.println("# " + file + ": " + text.length() + " characters");
    }

    @Benchmark
    public ChainProgram readChains(Bytes counter, CpuRate rate) {
        long start = CpuRate.THREADS.getCurrentThreadCpuTime();
        ChainProgram program = IptablesReader.readChains(text, name, LoadOptions.defaults());
        rate.add(text.length(), CpuRate.THREADS.getCurrentThreadCpuTime() - start);
        counter.bytes += text.length();
        return program;
    }
}
