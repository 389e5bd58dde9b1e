import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('sla chart', () => {
  it('asks the API for a PNG by the file’s extension and writes its bytes unchanged', async () => {
    const fake = fakeIo(() => ({ body: PNG, contentType: 'image/png' }));
    const code = await runCli(
      ['chart', 'leads', '--kind', 'history', '--period', '2026-11', '-o', 'out.png'],
      fake.io,
    );
    expect(code).toBe(EXIT.ok);
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: 'http://127.0.0.1:3999/v1/commitments/leads/chart.png?kind=history&period=2026-11',
        headers: expect.objectContaining({ accept: 'image/png, application/problem+json' }),
      }),
    ]);
    expect(fake.written['out.png']).toEqual(PNG);
    expect(fake.out).toEqual(['Wrote out.png (11 bytes).']);
  });

  it('draws the burn-up as SVG by default', async () => {
    const fake = fakeIo(() => ({ body: '<svg/>', contentType: 'image/svg+xml' }));
    expect(await runCli(['chart', 'leads', '-o', 'c.SVG'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests[0]?.url).toBe('http://127.0.0.1:3999/v1/commitments/leads/chart.svg?kind=burnup');
    expect(new TextDecoder().decode(fake.written['c.SVG'])).toBe('<svg/>');
  });

  it.each([
    [
      ['chart', 'leads', '-o', 'chart.pdf'],
      '-o chart.pdf: the file must end in .svg or .png (the format is chosen by the extension)',
    ],
    [['chart', 'leads'], 'give the file to write: -o FILE (.svg or .png)'],
    [
      ['chart', 'leads', '-o', 'a.png', '--kind', 'pie'],
      "--kind must be one of burnup, history, budget, got 'pie'",
    ],
  ])('refuses %j before asking the API', async (argv, message) => {
    const fake = fakeIo(() => ({ body: {} }));
    expect(await runCli(argv, fake.io)).toBe(EXIT.usage);
    expect(fake.err[0]).toBe(`sla: ${message}`);
    expect(fake.requests).toEqual([]);
    expect(fake.written).toEqual({});
  });

  it('reports the API’s refusal and writes no file', async () => {
    const fake = fakeIo(() => ({
      status: 400,
      body: {
        title: 'Invalid request',
        status: 400,
        detail:
          "kind budget applies only to objectives (ratio, duration, availability); 'leads' is a total, so its charts are burnup and history",
        errors: [{ path: 'kind', message: 'x' }],
      },
    }));
    expect(await runCli(['chart', 'leads', '--kind', 'budget', '-o', 'b.svg'], fake.io)).toBe(EXIT.invalid);
    expect(fake.err.join('\n')).toContain('its charts are burnup and history');
    expect(fake.written).toEqual({});
  });

  it('refuses an answer that is not the chart (a proxy’s login page)', async () => {
    const fake = fakeIo(() => ({ body: '<html>login</html>', contentType: 'text/html' }));
    expect(await runCli(['chart', 'leads', '-o', 'b.png'], fake.io)).not.toBe(EXIT.ok);
    expect(fake.err.join('\n')).toContain('not image/png');
    expect(fake.written).toEqual({});
  });
});
