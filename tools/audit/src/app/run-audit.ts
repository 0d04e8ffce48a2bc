import { EventStoreDBClient } from '@eventstore/db-client';
import { redactCredentials, toEsdbConnectionString, verifyChain } from '@scim/event-store';
import { USAGE, UsageError, parseAuditArgs } from './cli-args';
import { describeVerification, toJsonLine, toTableBlock } from './format';
import { AuditStreamNotFound, readRawStream } from './raw-stream';

export interface AuditIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs one audit command and returns the process exit code. */
export async function runAudit(argv: readonly string[], io: AuditIo): Promise<number> {
  let command;
  try {
    command = parseAuditArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(toEsdbConnectionString(command.url));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    const events = await readRawStream(client, command.stream);
    if (command.command === 'verify') {
      const result = verifyChain(events);
      io.stdout(`${describeVerification(command.stream, result)}\n`);
      return result.ok ? 0 : 1;
    }
    for (const event of events) io.stdout(`${command.format === 'jsonl' ? toJsonLine(event) : toTableBlock(event)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AuditStreamNotFound) {
      io.stderr(`${error.message}\n`);
      return 3;
    }
    io.stderr(`Cannot read '${command.stream}' from ${redactCredentials(command.url)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  } finally {
    await client.dispose();
  }
}
