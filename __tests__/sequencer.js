/**
 * Test order: Jest's own (failed first, then longest first by the durations of the last run),
 * except that files it has no duration for (a fresh clone, as CI runs) are ordered by what they
 * run: the files that run Terraform first, the heaviest runs first, then by size. The
 * longest files then start at once on the two workers instead of last, and a cold run ends when
 * they do rather than after them.
 */
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Calls that start Terraform, weighted by what they usually run: a mocked apply of every generated
 * module, a validate of every generated folder, a batched validate or the cdktf CLI scenario, one
 * validate, a few real runs on the loopback backend or a synth of the shipped environments (a
 * process of a few seconds when not cached), a verdict of a tiny folder.
 */
const TERRAFORM_RUNS = [
  [/\brunMockedApply\(/g, 100],
  [/\bvalidateGenerated\(/g, 30],
  [/\b(checkStackDirsTogether|checkHclStackDirsTogether|scenarioVerdict)\(/g, 10],
  [/\b(validateStacks?|startLoopbackState|startSharedProviders|shippedSynth)\(|spawnSync\('terraform'/g, 3],
  [/\bterraformVerdict\(/g, 1],
];

function terraformWeight(text) {
  return TERRAFORM_RUNS.reduce((sum, [re, w]) => sum + (text.match(re) ?? []).length * w, 0);
}

class TerraformFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const weight = new Map();
    for (const t of sorted) {
      if (this.time(t) != null) continue;
      let text = '';
      try {
        text = fs.readFileSync(t.path, 'utf8');
      } catch {
        // unreadable: plain order
      }
      weight.set(t.path, terraformWeight(text) * 1e7 + text.length);
    }
    if (weight.size === 0) return sorted;
    // Files with a duration keep Jest's order, after the cold ones ordered by weight.
    const cold = sorted.filter((t) => weight.has(t.path)).sort((a, b) => weight.get(b.path) - weight.get(a.path));
    return [...cold, ...sorted.filter((t) => !weight.has(t.path))];
  }
}

module.exports = TerraformFirstSequencer;
