/** `npm run bench`: runs every bench/*.bench.ts, prints one Markdown table, and records it in docs/benchmarks.md. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { markdownTable, type Bench, type BenchRow } from './table.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = (await readdir(here)).filter((file) => file.endsWith('.bench.ts')).sort();
const rows: BenchRow[] = [];
for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  process.stderr.write(`running ${file}…\n`);
  rows.push(...(await module.default()));
}
const cpu = cpus();
const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}/${process.arch}`;
const table = markdownTable(rows);
const date = new Date().toISOString().slice(0, 10);
process.stdout.write(`${table}\n`);
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
