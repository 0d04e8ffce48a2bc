import { DEFAULT_EVENT_STORE_URL } from '@scim/event-store';

export type AuditCommand =
  | { readonly command: 'stream'; readonly stream: string; readonly url: string; readonly format: 'table' | 'jsonl' }
  | { readonly command: 'verify'; readonly stream: string; readonly url: string }
  | { readonly command: 'help' };

export const USAGE = `Usage: npm run audit -- <command> <stream> [options]

Commands:
  stream <name>   print the stream's events with their metadata, as stored
  verify <name>   check the stream's hash chain (exit 0 intact, 1 broken)

Options:
  --json          one JSON object per line instead of a table (stream)
  --url <url>     event store (default: EVENT_STORE_URL, else ${DEFAULT_EVENT_STORE_URL})
  -h, --help      this text

Exit codes: 0 ok, 1 chain broken, 2 usage error, 3 stream not found or store unreachable.`;

export class UsageError extends Error {}

export function parseAuditArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): AuditCommand {
  const positional: string[] = [];
  let url = env['EVENT_STORE_URL'] || DEFAULT_EVENT_STORE_URL;
  let json = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '-h' || arg === '--help') return { command: 'help' };
    if (arg === '--json') json = true;
    else if (arg === '--url') {
      const value = argv[++index];
      if (!value) throw new UsageError('--url needs a value');
      url = value;
    } else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }
  const [command, stream, ...rest] = positional;
  if (!command) return { command: 'help' };
  if (command !== 'stream' && command !== 'verify') throw new UsageError(`Unknown command '${command}'`);
  if (!stream) throw new UsageError(`'${command}' needs a stream name`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument '${rest[0]}'`);
  if (command === 'verify') {
    if (json) throw new UsageError('--json applies to the stream command only');
    return { command, stream, url };
  }
  return { command, stream, url, format: json ? 'jsonl' : 'table' };
}
