/**
 * `npm run bench`: runs every bench/*.bench.ts, prints one Markdown table, and records it in docs/benchmarks.md.
 * BENCH_ONLY=dashboard,web runs only the files whose names contain one of those words; BENCH_SCALE=0.01 runs smaller
 * sizes and shorter loads. Only a full run (every file, scale 1) rewrites docs/benchmarks.md.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { markdownTable, type Bench, type BenchRow } from './table.ts';
import { benchScale } from './tools/knobs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const all = (await readdir(here)).filter((file) => file.endsWith('.bench.ts')).sort();
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((word) => word.trim())
  .filter((word) => word !== '');
const files = only.length === 0 ? all : all.filter((file) => only.some((word) => file.includes(word)));
const scale = benchScale();
const rows: BenchRow[] = [];
const started = performance.now();
for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  process.stderr.write(`running ${file}…\n`);
  const fileStarted = performance.now();
  rows.push(...(await module.default()));
  process.stderr.write(`${file} took ${((performance.now() - fileStarted) / 1000).toFixed(0)} s\n`);
}
process.stderr.write(`all benchmarks took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
const cpu = cpus();
const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}/${process.arch}`;
const table = markdownTable(rows);
const date = new Date().toISOString().slice(0, 10);
process.stdout.write(`${table}\n`);
if (files.length < all.length || scale < 1) {
  process.stderr.write('not written to docs/benchmarks.md: only a full run (every file, BENCH_SCALE=1) is recorded\n');
  process.exit(0);
}
const doc = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts runs every `bench/*.bench.ts`). Benchmarks are measurements, not tests:',
  'they never fail the build. "ratio" is how far each target is met (1 or more: met).',
  '',
  `Measured on ${date}, on ${machine}.`,
  '',
  table,
  '',
].join('\n');
const out = join(here, '..', 'docs', 'benchmarks.md');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, await format(doc, { parser: 'markdown', printWidth: 120 }));
process.stderr.write(`written to docs/benchmarks.md\n`);
