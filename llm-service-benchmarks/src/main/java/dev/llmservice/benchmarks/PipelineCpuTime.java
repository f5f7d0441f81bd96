package dev.llmservice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A companion to {@link ConsensusCostBenchmark#pipeline()} for busy machines: measures the pipeline in CPU time of
 * the benchmark thread, which other processes competing for the cores inflate far less than wall time.
 *
 * <pre>java -cp llm-service-benchmarks/target/benchmarks.jar dev.llmservice.benchmarks.PipelineCpuTime</pre>
 *
 * Prints the median and the best of 15 rounds of 2,000 operations, after 30,000 warm-up operations.
 */
public final class PipelineCpuTime {

    private PipelineCpuTime() {
    }

    public static void main(String[] args) {
        ConsensusCostBenchmark bench = new ConsensusCostBenchmark();
        bench.candles = 100;
        bench.setUp();
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sink = 0;
            for (int i = 0; i < 30_000; i++) {
                sink += bench.pipeline().length();
            }
            int rounds = 15;
            int ops = 2_000;
            double[] micros = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < ops; i++) {
                    sink += bench.pipeline().length();
                }
                micros[r] = (mx.getCurrentThreadCpuTime() - cpu) / 1_000.0 / ops;
            }
            Arrays.sort(micros);
            System.out.printf(Locale.ROOT, "pipeline CPU time per consensus: median %.1f us, best %.1f us (%d)%n",
                    micros[rounds / 2], micros[0], sink % 10);
        } finally {
            bench.tearDown();
        }
    }
}
