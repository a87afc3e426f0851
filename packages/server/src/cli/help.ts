/** The help text of each verb, kept apart from the verbs so that `--help` loads nothing else. */

export const HELP = {
  start: `Usage: aftercare start [--db <file|postgres://…>] [--port <n>] [--host <address>]

Migrates the database, then serves the API and the web app (build it first: npm run build).
Environment: PORT (8080), HOST (127.0.0.1), DATABASE_URL / AFTERCARE_DB, AFTERCARE_SESSION_IDLE_MINUTES (30),
AFTERCARE_SESSION_ABSOLUTE_HOURS (12), AFTERCARE_TRUST_PROXY, AFTERCARE_SECURE_COOKIES, AFTERCARE_WEB_DIST, LOG_LEVEL.
`,
  migrate: `Usage: aftercare migrate [--db <file|postgres://…>]

Brings the database schema up to date (safe to run again).
`,
  demo: `Usage: aftercare demo [--db <file|postgres://…>]

Creates the organisation "Demo Donor Centre" with an administrator, a clinician and three patients at day 1, 6
and 20 of recovery (one Spanish-speaking), with doses, check-ins, an open alert, visits, questions and messages.
Prints {"url": "...", "accounts": [{"role", "email", "password", "patientId"?}]} on stdout. Safe to run again:
each run adds a new demo organisation with new accounts.
`,
  'plan validate': `Usage: aftercare plan validate <dir>

Checks the care plan in <dir> (plan.json, triage.json, en.json, es.json) against the plan schema.
Prints one line and exits 0 when it is valid; prints each problem with its path and exits 1 otherwise.
`,
  triage: `Usage: aftercare triage [--plan <id|dir>] < check-ins.jsonl

Reads one check-in JSON per line on stdin ({"language","text","signs","temperature","pain"}) and writes one
triage result per line on stdout, in the same order. A malformed line gets {"error": "..."} on its line; the
exit status is then 2. Nothing is stored. --plan picks a plan by id or a plan folder (default bone-marrow-harvest).
`,
} as const;
