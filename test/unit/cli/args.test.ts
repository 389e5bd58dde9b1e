import { describe, expect, it } from 'vitest';
import { isoInstant, oneOf, parseCommandArgs, positionals } from '../../../cli/args.js';
import { measurementEvent, recordCommand } from '../../../cli/commands/record.js';
import { UsageError } from '../../../cli/errors.js';

const parseRecord = (argv: string[]) => parseCommandArgs('record', argv, recordCommand.options);

describe('parseCommandArgs', () => {
  it('reads options, flags and positionals in any order', () => {
    const args = parseCommandArgs('status', ['--json', 'marketing-qualified-leads', '--period', '2026-11'], {
      period: { type: 'string' },
      json: { type: 'boolean' },
    });
    expect(args.positionals).toEqual(['marketing-qualified-leads']);
    expect(args.values).toMatchObject({ json: true, period: '2026-11' });
  });

  it('knows the options every command has', () => {
    const args = parseCommandArgs('status', ['--api', 'http://localhost:4000', '--sign', '-h'], {});
    expect(args.values).toMatchObject({ api: 'http://localhost:4000', sign: true, help: true });
  });

  it('takes a negative number as a value, in its place among the positionals', () => {
    const args = parseRecord(['marketing-qualified-leads', '-3', '--correction']);
    expect(args.positionals).toEqual(['marketing-qualified-leads', '-3']);
    expect(args.values.correction).toBe(true);
    expect(parseRecord(['-2.5', 'x']).positionals).toEqual(['-2.5', 'x']);
  });

  it('leaves a negative number that is the value of an option to that option', () => {
    const args = parseCommandArgs('x', ['--note', '-3', 'leads'], { note: { type: 'string' } });
    expect(args.values.note).toBe('-3');
    expect(args.positionals).toEqual(['leads']);
  });

  it('refuses unknown options and missing values as usage errors naming the command', () => {
    expect(() => parseCommandArgs('status', ['--bogus'], {})).toThrow(
      expect.objectContaining({ message: 'unknown option --bogus', command: 'status' }),
    );
    expect(() => parseCommandArgs('apply', ['-f'], { file: { type: 'string', short: 'f' } })).toThrow(
      UsageError,
    );
    expect(() => parseCommandArgs('apply', ['--file'], { file: { type: 'string', short: 'f' } })).toThrow(
      /needs a value/,
    );
  });
});

describe('argument helpers', () => {
  it('counts positionals', () => {
    const args = parseCommandArgs('history', [], {});
    expect(() => positionals(args, 'history', ['COMMITMENT'], 1)).toThrow('missing COMMITMENT');
    const extra = parseCommandArgs('history', ['a', 'b'], {});
    expect(() => positionals(extra, 'history', ['COMMITMENT'], 1)).toThrow('unexpected argument b');
  });

  it('allows one of exclusive flags', () => {
    const args = parseRecord(['x', '--good', '--bad']);
    expect(() => oneOf(args, ['good', 'bad'], 'record')).toThrow('give only one of --good, --bad');
    expect(oneOf(parseRecord(['x', '--bad']), ['good', 'bad'], 'record')).toBe('bad');
    expect(oneOf(parseRecord(['x']), ['good', 'bad'], 'record')).toBeUndefined();
  });

  it('wants ISO instants with an offset, as the API does', () => {
    expect(isoInstant('2026-11-18T10:00:00-05:00', 'at', 'record')).toBe('2026-11-18T10:00:00-05:00');
    expect(isoInstant('2026-11-18T15:00Z', 'at', 'record')).toBe('2026-11-18T15:00Z');
    expect(() => isoInstant('2026-11-18T10:00:00', 'at', 'record')).toThrow(/with an offset/);
    expect(() => isoInstant('yesterday', 'at', 'record')).toThrow(UsageError);
  });
});

describe('measurementEvent', () => {
  const event = (argv: string[]) => {
    const args = parseRecord(argv);
    return measurementEvent(args, args.positionals[1]);
  };

  it('builds each measure event from its flags', () => {
    expect(event(['leads']).body).toEqual({});
    expect(event(['leads', '5']).body).toEqual({ value: 5 });
    expect(event(['leads', '-2', '--correction']).body).toEqual({ value: -2, correction: true });
    expect(event(['conversion', '--good']).body).toEqual({ outcome: 'good' });
    expect(event(['follow-up', '--subject', 'lead-42', '--pause']).body).toEqual({
      subject: 'lead-42',
      phase: 'pause',
    });
    expect(event(['website', '--incident', 'inc-7', '--down']).body).toEqual({
      incident: 'inc-7',
      phase: 'down',
    });
  });

  it('refuses what cannot be meant', () => {
    expect(() => event(['leads', '-2'])).toThrow('a negative value (-2) is a correction: add --correction');
    expect(() => event(['leads', 'five'])).toThrow("the value must be a number, got 'five'");
    expect(() => event(['x', '--good', '--subject', 's'])).toThrow(/mixes the flags/);
    expect(() => event(['x', '5', '--good'])).toThrow(/only for totals/);
    expect(() => event(['x', '--start'])).toThrow('--start needs --subject');
    expect(() => event(['x', '--subject', 'lead-1'])).toThrow(/needs one of --start/);
    expect(() => event(['x', '--up'])).toThrow('--up needs --incident');
    expect(() => event(['x', '--good', '--correction'])).toThrow('--correction is only for totals');
  });
});

describe('option values that look like options', () => {
  const options = {
    note: { type: 'string' as const },
    json: { type: 'boolean' as const },
    file: { type: 'string' as const, short: 'f' },
  };

  it('keeps values that start with a dash', () => {
    const args = parseCommandArgs('x', ['--note', '--see ticket 7', '-f', '-weird.yaml', 'id'], options);
    expect(args.values).toMatchObject({ note: '--see ticket 7', file: '-weird.yaml' });
    expect(args.positionals).toEqual(['id']);
  });

  it('says which option needs or refuses a value', () => {
    expect(() => parseCommandArgs('x', ['id', '--note'], options)).toThrow('option --note needs a value');
    expect(() => parseCommandArgs('x', ['--json=yes'], options)).toThrow('option --json takes no value');
  });
});
