/** Vitest reporter that ends the run with one plain line, "Tests: N passed, N failed, N skipped", for CI to read. */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        // "pending" at the end means the test never finished (its worker died): a failure, not a skip.
        counts[state === 'pending' ? 'failed' : state] += 1;
      }
      // A file that failed to load has no tests: count it as a failure so the line never hides it.
      if (testModule.state() === 'failed' && testModule.children.size === 0) {
        counts.failed += 1;
      }
    }
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
