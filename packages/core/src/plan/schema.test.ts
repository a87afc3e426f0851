import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AftercareError, type FieldIssue } from '../errors.ts';
import { formatPath, parseCarePlan, referencedTextKeys, type CarePlan } from './schema.ts';
import { minimalCarePlan } from './testing.ts';

/** The issues parseCarePlan throws for `value` (fails the test when it does not throw). */
function issuesOf(value: unknown): FieldIssue[] {
  try {
    parseCarePlan(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AftercareError);
    const aftercareError = error as AftercareError;
    expect(aftercareError.code).toBe('CARE_ERR_BAD_PLAN');
    expect(aftercareError.status).toBe(400);
    return [...aftercareError.issues];
  }
  expect.fail('the plan was accepted');
}

function broken(change: (plan: CarePlan) => void): CarePlan {
  const plan = minimalCarePlan();
  change(plan);
  return plan;
}

describe('parseCarePlan', () => {
  it('accepts a sound plan and returns it', () => {
    const plan = minimalCarePlan();
    expect(parseCarePlan(plan)).toEqual(plan);
  });

  it('rejects what is not a plan at all', () => {
    expect(issuesOf(null)[0]?.path).toBe('');
    expect(issuesOf('plan').length).toBeGreaterThan(0);
  });

  it('names the path of a missing field', () => {
    const { version: _version, ...rest } = minimalCarePlan();
    expect(issuesOf(rest)).toContainEqual(expect.objectContaining({ path: 'version' }));
  });

  it('rejects unknown fields, so a typo in the data is caught', () => {
    const plan = { ...minimalCarePlan(), setings: {} };
    expect(issuesOf(plan)).toContainEqual(expect.objectContaining({ path: '' }));
  });

  it('rejects a text key that one language lacks', () => {
    const issues = issuesOf(
      broken((plan) => {
        delete plan.texts.es['advice.emergency'];
      }),
    );
    expect(issues).toEqual([
      { path: 'texts.es["advice.emergency"]', message: expect.stringContaining('advice.emergency') as string },
    ]);
  });

  it('rejects a reference to a text that does not exist', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.procedure.nameKey = 'procedure.title';
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'texts.en["procedure.title"]',
      'texts.es["procedure.title"]',
      'texts.en["procedure.name"]', // the old text is now unused
    ]);
    expect(issues[0]?.message).toContain('procedure.nameKey');
    const unused = issuesOf(
      broken((plan) => {
        plan.texts.en['procedure.title'] = 'x';
        plan.texts.es['procedure.title'] = 'x';
        plan.procedure.nameKey = 'procedure.title';
      }),
    );
    expect(unused).toEqual([
      { path: 'texts.en["procedure.name"]', message: expect.stringContaining('not used') as string },
    ]);
  });

  it('rejects a text that only one language has', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.texts.en['signs.fever.help'] = 'A fever is {fever} or more.';
      }),
    );
    expect(issues).toEqual([
      { path: 'texts.es["signs.fever.help"]', message: expect.stringContaining('same keys') as string },
    ]);
  });

  it('rejects placeholders that differ between languages', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.texts.en['signs.fever.help'] = 'A fever is {fever} or more.';
        plan.texts.es['signs.fever.help'] = 'Fiebre es {fiebre} o más.';
      }),
    );
    expect(issues).toEqual([
      { path: 'texts.es["signs.fever.help"]', message: 'placeholders differ: {fever} in English, {fiebre} here' },
    ]);
  });

  it('rejects a missing language', () => {
    const plan = minimalCarePlan();
    const issues = issuesOf({ ...plan, texts: { en: plan.texts.en } });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'texts.es' }));
  });

  it('rejects an empty text', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.texts.es['plan.title'] = '  ';
      }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: 'texts.es["plan.title"]' }));
  });

  it('requires a label for every sign', () => {
    const issues = issuesOf(
      broken((plan) => {
        delete plan.texts.en['signs.fever.label'];
        delete plan.texts.es['signs.fever.label'];
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'texts.en["signs.fever.label"]',
      'texts.es["signs.fever.label"]',
    ]);
    expect(issues[0]?.message).toContain('triage.signs[0]');
  });

  it('rejects a duplicate sign id', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.triage.signs.push({ id: 'fever', level: 'contact-provider', phrases: { en: ['hot'], es: ['caliente'] } });
      }),
    );
    expect(issues).toContainEqual({ path: 'triage.signs[2].id', message: 'duplicate id "fever"' });
  });

  it('rejects a shown sign that triage does not know, or shown at the wrong level', () => {
    const unknown = issuesOf(
      broken((plan) => {
        plan.warningSigns[0]?.signIds.push('stroke');
      }),
    );
    expect(unknown).toContainEqual({
      path: 'warningSigns[0].signIds[1]',
      message: expect.stringContaining('stroke') as string,
    });
    const wrongLevel = issuesOf(
      broken((plan) => {
        plan.warningSigns = [
          { level: 'contact-provider', titleKey: 'signs.contact-provider.title', signIds: ['fever', 'chest-pain'] },
        ];
        plan.texts.en['signs.emergency.title'] = plan.texts.es['signs.emergency.title'] = 'x';
      }),
    );
    expect(wrongLevel).toContainEqual({
      path: 'warningSigns[0].signIds[1]',
      message: '"chest-pain" is a emergency sign, shown under contact-provider',
    });
  });

  it('rejects a sign that is never shown', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.warningSigns = plan.warningSigns.filter((group) => group.level === 'emergency');
      }),
    );
    expect(issues).toContainEqual({ path: 'triage.signs[0]', message: expect.stringContaining('"fever"') as string });
  });

  it('rejects bad medicine timings with their path', () => {
    const badTime = issuesOf(
      broken((plan) => {
        plan.medicines.templates[0]!.timing = { type: 'fixed-times', times: ['08:00', '25:00'] };
      }),
    );
    expect(badTime).toContainEqual(expect.objectContaining({ path: 'medicines.templates[0].timing.times[1]' }));
    const tooMany = issuesOf(
      broken((plan) => {
        plan.medicines.templates[0]!.timing = { type: 'as-needed', minIntervalHours: 6, maxPerDay: 5 };
      }),
    );
    expect(tooMany).toEqual([
      { path: 'medicines.templates[0].timing.maxPerDay', message: expect.stringContaining('at most 4') as string },
    ]);
    const zeroHours = issuesOf(
      broken((plan) => {
        plan.medicines.templates[0]!.timing = { type: 'every-hours', hours: 0 };
      }),
    );
    expect(zeroHours).toContainEqual(expect.objectContaining({ path: 'medicines.templates[0].timing.hours' }));
  });

  it('rejects recovery phases with gaps or no open end', () => {
    const gap = issuesOf(
      broken((plan) => {
        plan.today.normal[1]!.fromDay = 8;
      }),
    );
    expect(gap).toContainEqual(expect.objectContaining({ path: 'today.normal[1].fromDay' }));
    const closed = issuesOf(
      broken((plan) => {
        plan.today.normal[1]!.toDay = 30;
      }),
    );
    expect(closed).toContainEqual(expect.objectContaining({ path: 'today.normal[1].toDay' }));
  });

  it('rejects a fever threshold no clinician would use, in either unit', () => {
    expect(
      parseCarePlan(broken((plan) => (plan.settings.feverThreshold = { value: 100.4, unit: 'F' }))).settings
        .feverThreshold.unit,
    ).toBe('F');
    const issues = issuesOf(broken((plan) => (plan.settings.feverThreshold = { value: 100.4, unit: 'C' })));
    expect(issues).toEqual([{ path: 'settings.feverThreshold.value', message: expect.any(String) as string }]);
  });

  it('rejects recovery figures that go backwards and unknown sources', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.recovery.fullRecovery.shares.push({ day: 180, percent: 50 });
        plan.recovery.contactPoints.source = 'dkms';
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'recovery.contactPoints.source',
      'recovery.fullRecovery.shares[2]',
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const issues = issuesOf(
      broken((plan) => {
        delete plan.texts.es['plan.title'];
        plan.triage.signs.push({ id: 'fever', level: 'contact-provider', phrases: { en: ['x'], es: ['x'] } });
      }),
    );
    expect(issues.length).toBe(2);
  });

  it('rejects a key that is also the start of another key', () => {
    const issues = issuesOf(
      broken((plan) => {
        plan.titleKey = 'procedure';
        plan.texts.en.procedure = plan.texts.es.procedure = 'x';
        delete plan.texts.en['plan.title'];
        delete plan.texts.es['plan.title'];
      }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ message: expect.stringContaining('start of') as string }));
  });

  it('finds every referenced text key, with where it is referenced', () => {
    const keys = referencedTextKeys(minimalCarePlan());
    expect(keys.get('medicines.pain-relief.reason')).toBe('medicines.templates[0].reasonKey');
    expect(keys.get('activity.ask')).toBe('activity.textKeys[0]');
    expect(keys.get('signs.chest-pain.label')).toBe('triage.signs[1]');
    expect(keys.get('advice.self-care')).toBe('advice.self-care');
  });

  it('never throws anything but a CARE_ERR_BAD_PLAN error on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          parseCarePlan(value);
        } catch (error) {
          return error instanceof AftercareError && error.code === 'CARE_ERR_BAD_PLAN' && error.issues.length > 0;
        }
        return false;
      }),
    );
  });

  it('rejects a sound plan with any one referenced text removed', () => {
    const keys = [...referencedTextKeys(minimalCarePlan()).keys()];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom('en' as const, 'es' as const), (key, language) => {
        const plan = minimalCarePlan();
        plan.texts[language] = Object.fromEntries(Object.entries(plan.texts[language]).filter(([k]) => k !== key));
        return issuesOf(plan).some((issue) => issue.path === `texts.${language}["${key}"]`);
      }),
    );
  });
});

describe('formatPath', () => {
  it('writes paths the way a person reads them', () => {
    expect(formatPath(['medicines', 'templates', 0, 'timing'])).toBe('medicines.templates[0].timing');
    expect(formatPath(['texts', 'en', 'signs.fever.label'])).toBe('texts.en["signs.fever.label"]');
    expect(formatPath([])).toBe('');
  });
});
