/**
 * Seeds a migrated SQLite file in its own process (so PostgreSQL can be seeded at the same time on the other core):
 * `node --import tsx bench/tools/seed-sqlite-child.ts <file> <patients>`; prints the seed's facts as JSON.
 */
import { seedSqlite } from './dashboard-seed.ts';

const [file, patients] = process.argv.slice(2);
if (file === undefined || patients === undefined) {
  throw new Error('usage: seed-sqlite-child.ts <file> <patients>');
}
const facts = await seedSqlite(file, Number(patients));
process.stdout.write(`${JSON.stringify(facts)}\n`);
