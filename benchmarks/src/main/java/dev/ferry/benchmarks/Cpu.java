package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc/PID/stat}: user plus system time of a process, and of
 * the children it has waited for. Process.waitFor reaps a child, so the harness's
 * "children" time grows by exactly the CPU a finished subprocess (skopeo, a whole-process
 * Ferry) used. Answers {@code NaN} where {@code /proc} is not there.
 */
final class Cpu {
  /** USER_HZ: the unit of the times in {@code /proc/PID/stat}; 100 on every Linux we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private Cpu() {}

  /** User + system seconds of a process itself (its threads, not its children). */
  static double ofProcess(long pid) {
    long[] f = fields(pid);
    return f == null ? Double.NaN : (f[0] + f[1]) / TICKS_PER_SECOND;
  }

  /** User + system seconds of this JVM's children that have been waited for. */
  static double ofReapedChildren() {
    long[] f = fields(ProcessHandle.current().pid());
    return f == null ? Double.NaN : (f[2] + f[3]) / TICKS_PER_SECOND;
  }

  /** utime, stime, cutime, cstime (fields 14–17), or null. */
  private static long[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      // rest[0] is field 3 (state), so field N is rest[N - 3]
      return new long[] {Long.parseLong(rest[11]), Long.parseLong(rest[12]), Long.parseLong(rest[13]),
          Long.parseLong(rest[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
