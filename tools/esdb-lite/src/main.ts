import { runEsdbLiteCli } from '@scim/event-store';

runEsdbLiteCli().catch((error: unknown) => {
  process.stderr.write(`esdb-lite: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
