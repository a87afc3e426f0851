/**
 * Lists dictionary words that triage's typo tolerance would read as a sign word ("fewer" as "fever"), for the
 * plan's triage.json `notTypos`. Run it again after changing the phrases. Needs Debian's wamerican and wspanish.
 * Run: npx tsx bench/tools/not-typos.ts packages/plans/bone-marrow-harvest/triage.json [--write]
 * (--write puts the list into the file; then run prettier on it.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TriageRulesSchema } from '../../packages/core/src/triage/rules-schema.ts';
import { compileRules } from '../../packages/core/src/triage/compile.ts';
import { foldWord } from '../../packages/core/src/triage/tokenize.ts';

const file = process.argv[2] ?? 'packages/plans/bone-marrow-harvest/triage.json';
const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const rules = TriageRulesSchema.parse({ ...json, notTypos: [] });
const compiled = compileRules(rules);
const words = new Set<string>();
for (const list of ['/usr/share/dict/american-english', '/usr/share/dict/spanish']) {
  for (const line of readFileSync(list, 'utf8').split('\n')) {
    // Names ("Belinda") are not words a patient writes about symptoms.
    if (/^[A-ZÁÉÍÓÚÑ]/.test(line)) {
      continue;
    }
    const word = foldWord(line.trim());
    if (/^[a-z]{4,}$/.test(word)) {
      words.add(word);
    }
  }
}
const exactWords = new Set(compiled.vocabulary.filter((v) => !v.endsWith('*')));
const prefixes = compiled.vocabulary.filter((v) => v.endsWith('*')).map((v) => v.slice(0, -1));
const isExactOrPrefix = (word: string): boolean => exactWords.has(word) || prefixes.some((p) => word.startsWith(p));
// An inflection of a rule word ("fevers", "chill") is a real match, not a false friend.
const commonStart = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return i;
};
const isInflection = (word: string): boolean =>
  [...exactWords, ...prefixes].some((v) => v.length >= 4 && commonStart(word, v) >= Math.max(4, v.length - 2));
// Rare real words that, in a symptom report, are far more likely typos: keep reading them as the sign word.
const LIKELY_TYPOS = new Set(['pian', 'vison', 'blury', 'fiver', 'fevers', 'chils', 'dizzie', 'nausia', 'vomiter']);
const out: string[] = [];
for (const word of [...words].sort()) {
  if (!isExactOrPrefix(word) && !LIKELY_TYPOS.has(word) && compiled.termsOf(word).length > 0 && !isInflection(word)) {
    out.push(word);
  }
}
if (process.argv.includes('--write')) {
  writeFileSync(file, `${JSON.stringify({ ...json, notTypos: out }, null, 2)}\n`);
} else {
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
process.stderr.write(`${out.length} words\n`);
