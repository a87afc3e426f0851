#!/usr/bin/env node
// The `aftercare` command: registers tsx so the TypeScript sources run as they are (no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== undefined) {
  process.exitCode = code;
}
