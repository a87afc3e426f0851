/** fast-check arbitraries of hostile input: odd unicode, injection shapes, wrong types, huge and deeply nested values. */
import fc from 'fast-check';

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '🩸🦴💉👩🏽‍⚕️',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  'שלום',
  '\u200b\u200d\ufeff',
  "' OR 1=1 --",
  "'; drop table patients; --",
  '" OR ""="',
  '1; select * from users',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'NaN',
  'Infinity',
  '-1',
  '9'.repeat(400),
  '1e309',
  'true',
  'null',
  '2026-02-30',
  '2026-11-25T25:61:00Z',
  'Z'.repeat(70),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 6000 }).map((n) => 'ä'.repeat(n)) },
);

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 0.1, 1e-320),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A JSON value nested `depth` levels deep (parsers and validators must not fall over). */
const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? [value] : { a: value };
  }
  return value;
});

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null }) },
  { weight: 1, arbitrary: deep },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Raw JSON text whose object keys include `__proto__` and `constructor` (JSON.stringify would drop the first). */
export const prototypeJson: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), nastyValue)
  .map(
    ([key, value]) =>
      `{"${key}":{"isAdmin":true,"role":"admin","polluted":${JSON.stringify(value)}},"text":"x","body":"x"}`,
  );

/** A whole body: a hostile value, hostile JSON text, or text that is not JSON at all. */
export const nastyBodyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyValue.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: prototypeJson },
  // Larger than the default body limit (256 KiB): a 413, never a crash.
  { weight: 1, arbitrary: fc.constant(`{"text":"${'x'.repeat(300 * 1024)}","body":"x"}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\u0000', '{"a":1}{"b":2}', '{"a":1,}', "{'a':1}"),
  },
);

/** A valid body with one field (at any depth) replaced by a hostile value: reaches the deeper checks. */
export function mutatedBody(valid: unknown): fc.Arbitrary<string> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        walk(item, [...path, key]);
      }
    }
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths), nastyValue).map(([path, replacement]) => {
    const copy: unknown = structuredClone(valid);
    if (path.length === 0) {
      return JSON.stringify(replacement);
    }
    let parent = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) {
      parent = parent[step] as Record<string | number, unknown>;
    }
    parent[path[path.length - 1] ?? ''] = replacement;
    return JSON.stringify(copy);
  });
}
