/**
 * Time-ordered ids for jobs, check-ins, dose events, alerts and audit events (UUID version 7, RFC 9562: Unix
 * milliseconds first, then a counter and random bits). Jobs due at the same time are leased in (run_at, id) order;
 * with ids that grow with creation time, that order is the order the rows were written in, so a batch of due jobs sits
 * in neighbouring pages of the table and of the id indexes. With random ids every job of a batch landed on a page of
 * its own: a burst of 100,000 reminders wrote about ten times the pages to lease its jobs and twice to complete them.
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/** Random bytes are drawn 256 ids at a time: one call to the system's generator per id cost a check-in about 3%. */
const POOL_BYTES = 16 * 256;
let pool = new Uint8Array(0);
let used = 0;

function sixteenRandomBytes(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/** The millisecond and counter of the last id: ids made in one millisecond (or while the clock steps back) count up. */
let lastMs = -Infinity;
let counter = 0;

/** A new UUIDv7; ids made by this process sort (as text too) in the order they were made, even within a millisecond. */
export function timeOrderedId(): string {
  const random = sixteenRandomBytes();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // A 32-bit counter from a random start below 2^31 (RFC 9562, method 1): billions of ids fit in one millisecond.
    counter = new DataView(random.buffer, random.byteOffset, 16).getUint32(6) & 0x7fffffff;
  } else {
    counter = (counter + 1) >>> 0;
    if (counter === 0) {
      lastMs += 1;
    }
  }
  return v7({ random, msecs: lastMs, seq: counter });
}
