import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FhirBundle } from '@aftercare/core';
import { validateFhir } from '@aftercare/core/fhir/testing';
import { runAftercare } from '../../testing/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'aftercare-fhir-cli-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const count = (bundle: FhirBundle, type: string): number =>
  (bundle.entry ?? []).filter((e) => e.resource?.resourceType === type).length;

describe('aftercare export and import', () => {
  it('exports a demo patient, imports the bundle into another, and refuses a bad bundle storing nothing', async () => {
    const db = join(work, 'demo.db');
    const demo = await runAftercare(['demo', '--db', db]);
    expect(demo.code, demo.stderr).toBe(0);
    const ids = (JSON.parse(demo.stdout) as { accounts: { patientId?: string }[] }).accounts
      .map((a) => a.patientId)
      .filter((id): id is string => id !== undefined);
    const [from, to] = ids;

    const exported = await runAftercare(['export', from!, '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);
    const bundle = JSON.parse(exported.stdout) as FhirBundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(count(bundle, 'Patient')).toBe(1);
    expect(validateFhir(bundle)).toEqual([]);
    const file = join(work, 'bundle.json');
    writeFileSync(file, exported.stdout);

    const before = JSON.parse((await runAftercare(['export', to!, '--db', db])).stdout) as FhirBundle;
    const imported = await runAftercare(['import', file, '--patient', to!, '--db', db]);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as {
      taken: Record<string, unknown[]>;
      skipped: { path: string; reason: string }[];
    };
    expect(report.skipped.length).toBeGreaterThan(0);
    const after = JSON.parse((await runAftercare(['export', to!, '--db', db])).stdout) as FhirBundle;
    expect(validateFhir(after)).toEqual([]);
    expect(count(after, 'MedicationStatement')).toBe(
      count(before, 'MedicationStatement') + report.taken.medications!.length,
    );

    const bad = join(work, 'bad.json');
    const broken = structuredClone(bundle);
    const statement = broken.entry?.find((e) => e.resource?.resourceType === 'MedicationStatement')?.resource as
      { subject: unknown } | undefined;
    delete statement?.subject;
    writeFileSync(bad, JSON.stringify(broken));
    const refused = await runAftercare(['import', bad, '--patient', to!, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/Bundle\.entry\[\d+\]\.resource\.subject/);
    const unchanged = JSON.parse((await runAftercare(['export', to!, '--db', db])).stdout) as FhirBundle;
    expect(count(unchanged, 'MedicationStatement')).toBe(count(after, 'MedicationStatement'));

    expect((await runAftercare(['export', '00000000-0000-4000-8000-000000000000', '--db', db])).code).toBe(1);
    expect((await runAftercare(['import', file, '--db', db])).code).toBe(64);
    writeFileSync(join(work, 'not.json'), '{nope');
    expect((await runAftercare(['import', join(work, 'not.json'), '--patient', to!, '--db', db])).code).toBe(1);
    for (const verb of ['export', 'import']) {
      const help = await runAftercare([verb, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: aftercare/);
    }
  }, 120_000);
});
