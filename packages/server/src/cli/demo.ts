/** `aftercare demo`: loads the demo and prints ONE JSON object on stdout (the URL and the accounts); logs go to stderr. */
import { openStore, resolveDatabase } from '@aftercare/store';
import { loadConfig } from '../config.ts';
import { describeTarget } from './serve.ts';
import { loadDemo } from './demo-data.ts';
import { HELP } from './help.ts';
import { EXIT, parseVerbArgs } from './usage.ts';

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseVerbArgs(args, { db: { type: 'string' } });
  if (values.help === true) {
    process.stdout.write(HELP.demo);
    return EXIT.ok;
  }
  const config = loadConfig(process.env);
  const target = resolveDatabase(process.env, values.db);
  const store = await openStore(target);
  try {
    await store.migrate();
    const { accounts } = await loadDemo(store, new Date());
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
    process.stderr.write(`Demo loaded into ${describeTarget(target)}\n`);
    process.stdout.write(`${JSON.stringify({ url, accounts })}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
