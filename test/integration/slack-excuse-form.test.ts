import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/slack/handler.js';
import { MAX_NOTE_LENGTH } from '../../shared/domain/limits.js';
import { makeExcusalRequestListener } from '../../shared/slack/excusal-message.js';
import { createSlackWebClient, createWebApiPoster } from '../../shared/slack/web-api-poster.js';
import {
  commandBody,
  type ExcuseFormValues,
  excuseFormSubmission,
  interactionBody,
  slackEvent,
  TEST_SIGNING_SECRET,
} from '../unit/slack/slack-requests.js';
import { useApp } from './app-context.js';
import { startFakeSlack } from './fake-slack.js';

/**
 * `/sla excuse <commitment>` as a form, with the real Slack client against a local Slack API and
 * the stores on DynamoDB Local: the form opens with the command's trigger_id, a submission with
 * mistakes keeps it open with a message under each field, and a good one is recorded once.
 */
const LEADS = 'marketing-qualified-leads';
const GOOD: ExcuseFormValues = {
  from: '2026-11-09',
  to: '2026-11-10',
  causedBy: 'sales',
  reason: 'CRM import <broke> & stalled',
};

describe('the excusal form over DynamoDB Local and the real Slack client', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-18T10:00:00-05:00');
  const slack = await startFakeSlack();
  const poster = createWebApiPoster(createSlackWebClient('xoxb-test', { slackApiUrl: slack.url }));
  const errors: unknown[] = [];
  const log = { error: (_m: string, e: unknown) => void errors.push(e), warn: () => undefined };
  const handler = makeHandler({
    stores: app.deps,
    signingSecret: async () => TEST_SIGNING_SECRET,
    clock: app.clock,
    poster,
    onExcusal: makeExcusalRequestListener({
      poster,
      loadDepartments: async () => (await app.deps.commitments.getConfig())?.departments ?? {},
      log,
    }),
    log,
    respond: async () => undefined,
  });
  const timestamp = () => Math.floor(app.clock.now() / 1000);
  const sla = (text: string, user: string, trigger: string) =>
    handler(
      slackEvent('/slack/commands', commandBody({ text, user_id: user, trigger_id: trigger }), {
        timestamp: timestamp(),
      }),
    );
  const submit = (user: string, viewId: string, values: ExcuseFormValues, metadata = LEADS) =>
    handler(
      slackEvent(
        '/slack/interactions',
        interactionBody(excuseFormSubmission({ userId: user, viewId, metadata, values })),
        { timestamp: timestamp() },
      ),
    );
  const errorsOf = (result: Awaited<ReturnType<typeof submit>>) => {
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '');
    expect(body.response_action).toBe('errors');
    return body.errors as Record<string, string>;
  };
  const excusals = async () =>
    (await app.deps.events.getAggregates([{ commitmentId: LEADS, periodKey: '2026-11' }])).get(
      `${LEADS}|2026-11`,
    )?.excusals ?? [];
  const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');

  it('/sla excuse <commitment> opens the form with the trigger_id: dates, the other departments, a bounded reason', async () => {
    const result = await sla(`excuse ${LEADS}`, 'U0MKTLEAD', 'trigger-form-1');
    expect(result).toMatchObject({ statusCode: 200, body: '' });
    const opened = slack.calls.filter((c) => c.method === 'views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.params.trigger_id).toBe('trigger-form-1');
    const view = JSON.parse(opened[0]?.params.view ?? '{}');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'sla_excuse', private_metadata: LEADS });
    const inputs = (view.blocks as any[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element.type])).toEqual([
      ['excuse_from', 'datepicker'],
      ['excuse_to', 'datepicker'],
      ['excuse_caused_by', 'static_select'],
      ['excuse_reason', 'plain_text_input'],
    ]);
    // The pickers start on today in the commitment's zone; the provider cannot blame itself.
    expect(inputs[0].element.initial_date).toBe('2026-11-18');
    expect(inputs[2].element.options.map((o: any) => o.value)).toEqual(['executives', 'it', 'sales']);
    expect(inputs[3].element).toMatchObject({ min_length: 3, max_length: MAX_NOTE_LENGTH });
  });

  it('an unknown commitment or a refused user is told at once, and no form opens', async () => {
    const before = slack.calls.length;
    const unknown = JSON.parse((await sla('excuse no-such-thing', 'U0MKTLEAD', 'trigger-form-2')).body ?? '');
    expect(unknown.text).toContain('There is no active commitment `no-such-thing`');
    const refused = JSON.parse((await sla(`excuse ${LEADS}`, 'U0OUTSIDER', 'trigger-form-3')).body ?? '');
    expect(refused.text).toContain(`You may not record an excusal on '${LEADS}'`);
    expect(slack.calls.length).toBe(before);
  });

  it('mistakes keep the form open, each under its field, and record nothing', async () => {
    const empty = errorsOf(await submit('U0MKTLEAD', 'VBAD1', {}));
    expect(Object.keys(empty).sort()).toEqual([
      'excuse_caused_by',
      'excuse_from',
      'excuse_reason',
      'excuse_to',
    ]);
    expect(
      errorsOf(await submit('U0MKTLEAD', 'VBAD2', { ...GOOD, from: '2026-11-10', to: '2026-11-09' })),
    ).toEqual({ excuse_to: 'Must be on or after the from date (2026-11-10).' });
    expect(
      Object.keys(errorsOf(await submit('U0MKTLEAD', 'VBAD3', { ...GOOD, from: '2026-02-30' }))),
    ).toEqual(['excuse_from']);
    expect(errorsOf(await submit('U0MKTLEAD', 'VBAD4', { ...GOOD, reason: 'x'.repeat(1001) }))).toEqual({
      excuse_reason: 'At most 1000 characters; this one has 1001.',
    });
    expect(errorsOf(await submit('U0MKTLEAD', 'VBAD5', { ...GOOD, reason: '   ' }))).toEqual({
      excuse_reason: 'Say why, in a few words.',
    });
    const unknownDepartment = errorsOf(await submit('U0MKTLEAD', 'VBAD6', { ...GOOD, causedBy: 'legal' }));
    expect(unknownDepartment.excuse_caused_by).toContain("Unknown department 'legal'");
    const itself = errorsOf(await submit('U0MKTLEAD', 'VBAD7', { ...GOOD, causedBy: 'marketing' }));
    expect(itself.excuse_caused_by).toContain('Must not be the provider itself');
    const refused = errorsOf(await submit('U0OUTSIDER', 'VBAD8', GOOD));
    expect(refused.excuse_from).toContain(`You may not record an excusal on '${LEADS}'`);
    const gone = errorsOf(await submit('U0MKTLEAD', 'VBAD9', GOOD, 'no-such-thing'));
    expect(gone.excuse_from).toContain("There is no active commitment 'no-such-thing'");
    const forged = errorsOf(await submit('U0MKTLEAD', 'VBAD10', GOOD, 'Not A Slug'));
    expect(forged.excuse_from).toContain('This form names no commitment');

    expect(await excusals()).toEqual([]);
    expect(posts()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a good submission closes the form, records a pending claim, asks Sales and tells the claimant', async () => {
    const result = await submit('U0MKTLEAD', 'VGOOD1', GOOD);
    expect(result).toMatchObject({ statusCode: 200, body: '' });
    expect(await excusals()).toEqual([
      expect.objectContaining({
        id: 'slack-VGOOD1',
        causedBy: 'sales',
        status: 'pending',
        requestedBy: 'U0MKTLEAD',
        from: Date.parse('2026-11-09T00:00:00-05:00'),
        to: Date.parse('2026-11-11T00:00:00-05:00'),
        reason: GOOD.reason,
      }),
    ]);
    const [request, confirmation] = posts();
    expect(request?.params.channel).toBe('C0SALES');
    const buttons = JSON.parse(request?.params.blocks ?? '[]').flatMap((b: any) => b.elements ?? []);
    expect(buttons.map((b: any) => b.action_id)).toEqual(['sla_excusal_approve', 'sla_excusal_reject']);
    expect(buttons[0].value).toBe(`${LEADS}|slack-VGOOD1`);
    expect(request?.params.text).toContain('CRM import &lt;broke&gt; &amp; stalled');
    // The same words the one-line command answers with, as a direct message.
    expect(confirmation?.params.channel).toBe('U0MKTLEAD');
    expect(confirmation?.params.text).toContain(`Recorded an excusal on \`${LEADS}\``);
    expect(confirmation?.params.text).toContain('It counts once Sales approves it');
    expect((await app.deps.commitments.get(LEADS))?.state).toBe('active');
  });

  it('the same submission sent again is recorded once, and nobody is told twice', async () => {
    const sent = posts().length;
    expect(await submit('U0MKTLEAD', 'VGOOD1', GOOD)).toMatchObject({ statusCode: 200, body: '' });
    expect((await excusals()).map((x) => x.id)).toEqual(['slack-VGOOD1']);
    expect(posts()).toHaveLength(sent);
    const audit = await app.deps.audit.list({
      commitmentId: LEADS,
      since: 0,
      until: app.clock.now() + 1,
      limit: 50,
    });
    expect(audit.entries.filter((e) => e.action === 'excusal.requested')).toHaveLength(1);
  });
});
