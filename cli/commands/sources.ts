import { flag, positionals } from '../args.js';
import { type Command, printJson } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderSourcesTable, type SourceRow } from '../render/sources.js';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'the senders under sources: and what their deliveries came to',
  help: `Usage: sla sources [--json]

Each source of the applied configuration: its type, its last verified delivery, how many events it
recorded, how many were duplicates (retries, counted once), ignored (no rule matched) or rejected
(malformed), how many deliveries were refused (signature, timestamp or secret) and the last
refusal with its reason.

Options:
  --json   print the sources as JSON`,
  options: { json: { type: 'boolean' } },
  async run(args, { io, api }) {
    positionals(args, 'sources', [], 0);
    const listed = await api.request<{ sources: SourceRow[]; timezone?: string }>('GET', '/v1/sources');
    if (flag(args, 'json')) printJson(io, listed);
    else if (listed.sources.length === 0)
      io.stdout('No sources yet: add them under sources: in the configuration (docs/sources.md).');
    else io.stdout(renderSourcesTable(listed.sources, listed.timezone));
    return EXIT.ok;
  },
};
