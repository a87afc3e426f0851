/** Talking to a real server process over HTTP: first-run setup, one patient, sessions as cookies. */

export async function call(base: string, path: string, cookie: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function cookieOf(response: Response): string {
  const match = /aftercare_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '');
  if (match === null) {
    throw new Error(`No session cookie (${String(response.status)})`);
  }
  return match[0];
}

/** First-run setup, one patient with a login: returns the two sessions (kept in the database, so they outlive crashes). */
export async function enrolOnePatient(
  base: string,
  timeZone = 'Europe/Madrid',
): Promise<{ team: string; patient: string; patientId: string }> {
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisationName: 'Crash Test Centre',
      name: 'Nia Nurse',
      email: 'nia@example.org',
      password: 'a long enough passphrase',
    }),
  });
  const team = cookieOf(setup);
  const enrolled = await call(base, '/api/v1/patients', team, {
    name: 'Pat Crash',
    procedureDate: '2026-11-20',
    harvestSite: 'hip',
    marrowUse: 'donor',
    language: 'en',
    timeZone,
    country: 'ES',
    account: { email: 'pat@example.org', password: 'another long passphrase' },
  });
  if (enrolled.status !== 201) {
    throw new Error(`enrolment failed: ${String(enrolled.status)}`);
  }
  const { patient } = (await enrolled.json()) as { patient: { id: string } };
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'pat@example.org', password: 'another long passphrase' }),
  });
  return { team, patient: cookieOf(login), patientId: patient.id };
}
