// Prints `N passed, N failed, N skipped` from the JSON reports vitest wrote for each
// workspace package (see vitest.shared.ts), as the last line of a test run. A package that
// has a test script but wrote no report, or a test file that failed to load, counts as failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const group of ['packages', 'apps', 'tools', 'bench']) {
  const dirs = group === 'bench' ? ['.'] : existsSync(group) ? readdirSync(group) : [];
  for (const dir of dirs) {
    const pkgDir = join(group, dir);
    const manifestPath = join(pkgDir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (!manifest.scripts?.test) continue;
    const reportPath = join(pkgDir, '.reports', 'vitest.json');
    if (!existsSync(reportPath)) {
      problems.push(`${manifest.name}: no test report (its tests did not run)`);
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    for (const file of report.testResults ?? []) {
      const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
      if (file.status === 'failed' && !failedInside) {
        problems.push(
          `${manifest.name}: ${file.name} failed outside any test: ${file.message ?? ''}`.trim(),
        );
        failed += 1;
      }
    }
    if (report.numTotalTests === 0) problems.push(`${manifest.name}: ran no test`);
  }
}

for (const problem of problems) console.log(problem);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
