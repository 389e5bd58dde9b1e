import type { Excusal } from '../../domain/model.js';
import { budgetWithBurn } from '../../domain/readable-budget.js';
import { creditWords, formatPercent, formatValue } from '../../domain/readable-numbers.js';
import type { WebViewer } from '../../ports/web-auth.js';
import { auditDetailWords } from '../../presentation/audit-detail-words.js';
import { dueSoonWords, lateSubjectWords } from '../../presentation/late-subject-words.js';
import { localTimeWords } from '../../presentation/local-time-words.js';
import { STATUS_LABEL, statusFigures } from '../../presentation/status-line.js';
import type { CommitmentPageData } from '../commitment-data.js';
import { Layout } from '../layout.js';
import { type ChartLink, Charts } from './charts.js';
import { nameOf } from './overview.js';
import { Progress, StatusBadge, TableSection } from './status-parts.js';

export interface CommitmentPageProps {
  data: CommitmentPageData;
  viewer?: WebViewer;
  charts: ChartLink[];
}

const EXCUSAL_STATE: Record<NonNullable<Excusal['status']>, string> = {
  approved: 'Approved',
  pending: 'Pending approval',
  rejected: 'Rejected',
};

function CurrentNumbers({ data }: { data: CommitmentPageData }) {
  const e = data.evaluation;
  const live = !e.final && e.status !== 'no_data';
  const value = (n: number) =>
    e.measure === 'total' ? `${formatValue(n, e.values)} ${e.unit}` : formatPercent(n);
  const budget = budgetWithBurn(e);
  return (
    <dl class="numbers">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={e.status} />
        {e.final ? ' (final)' : ''}
      </dd>
      <dt>Figures</dt>
      <dd class="figures" data-figures>
        {statusFigures(e)}
      </dd>
      <dt>Progress</dt>
      <dd>
        <Progress evaluation={e} label={`Progress of ${data.definition.title}`} />
      </dd>
      {live && e.projected !== null ? (
        <>
          <dt>Projected</dt>
          <dd class="figures">{value(e.projected)}</dd>
        </>
      ) : null}
      <dt>Elapsed</dt>
      <dd class="figures">{formatPercent(e.elapsed)} of the period</dd>
      {budget ? (
        <>
          <dt>Error budget</dt>
          <dd class="figures">{budget}</dd>
        </>
      ) : null}
      <dt>Evaluated</dt>
      <dd>{localTimeWords(e.evaluatedAt, e.timezone)}</dd>
    </dl>
  );
}

/** The subjects past the few named, counted; `sla subjects` lists them all. */
function More({ shown, count, complete }: { shown: number; count: number; complete: boolean }) {
  const left = count - shown;
  if (left <= 0) return null;
  return <li>{complete ? `and ${left} more` : `and at least ${left} more`}</li>;
}

function LateSubjectsSection({ data }: { data: CommitmentPageData }) {
  if (data.definition.measure !== 'duration') return null;
  const late = data.late;
  const zone = data.definition.timezone;
  return (
    <section aria-labelledby="late">
      <h2 id="late">Late subjects</h2>
      {!late ? <p>Nothing is late or due soon.</p> : null}
      {late && late.overdueCount > 0 ? (
        <>
          <h3>Late ({late.complete ? late.overdueCount : `${late.overdueCount}+`}), most overdue first</h3>
          <ul>
            {late.overdue.map((s) => (
              <li key={s.subject}>{lateSubjectWords(s, late.businessTime)}</li>
            ))}
            <More shown={late.overdue.length} count={late.overdueCount} complete={late.complete} />
          </ul>
        </>
      ) : null}
      {late && late.dueSoonCount > 0 ? (
        <>
          <h3>Due soon ({late.dueSoonCount})</h3>
          <ul>
            {late.dueSoon.map((s) => (
              <li key={s.subject}>{dueSoonWords(s, late.businessTime, zone)}</li>
            ))}
            <More shown={late.dueSoon.length} count={late.dueSoonCount} complete={late.complete} />
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Excusals({ data }: { data: CommitmentPageData }) {
  const zone = data.definition.timezone;
  return (
    <TableSection
      id="excusals"
      title="Excusals this period"
      empty={data.excusals.length === 0 ? 'None.' : undefined}
      columns={['From', 'To', 'Caused by', 'Reason', 'State']}
    >
      {data.excusals.map((x) => {
        const state = x.status ?? 'approved';
        return (
          <tr key={x.id} data-excusal={x.id}>
            <td>{localTimeWords(x.from, zone)}</td>
            <td>{localTimeWords(x.to, zone)}</td>
            <td>{nameOf(data.departments, x.causedBy)}</td>
            <td>{x.reason}</td>
            <td class={state === 'pending' ? 'pending' : undefined}>{EXCUSAL_STATE[state]}</td>
          </tr>
        );
      })}
    </TableSection>
  );
}

function History({ data }: { data: CommitmentPageData }) {
  return (
    <TableSection
      id="history"
      title="Closed periods"
      empty={data.history.length === 0 ? 'No period has closed yet.' : undefined}
      columns={['Period', 'Result', 'Figures', 'Credit']}
    >
      {data.history.map((r) => (
        <tr key={r.period} data-period={r.period}>
          <th scope="row">{r.period}</th>
          <td>
            <StatusBadge status={r.status} />
          </td>
          <td class="figures">{statusFigures(r.evaluation)}</td>
          <td class="figures">{r.credit > 0 ? creditWords(r.credit, r.creditUnit) : 'none'}</td>
        </tr>
      ))}
    </TableSection>
  );
}

function RecentAudit({ data }: { data: CommitmentPageData }) {
  return (
    <TableSection
      id="audit"
      title="Recent changes"
      empty={data.audit.length === 0 ? 'Nothing recorded yet.' : undefined}
      columns={['When', 'By', 'Via', 'Action', 'Detail']}
    >
      {data.audit.map((a) => (
        <tr key={a.id}>
          <td>{localTimeWords(a.at, data.auditZone)}</td>
          <td>{a.by}</td>
          <td>{a.via}</td>
          <td>{a.action}</td>
          <td>{[a.period, auditDetailWords(a.detail)].filter(Boolean).join(' · ') || '—'}</td>
        </tr>
      ))}
    </TableSection>
  );
}

/** One commitment: its charts, the numbers now, and the record behind them. */
export function CommitmentPage({ data, viewer, charts }: CommitmentPageProps) {
  const { definition: d, evaluation: e } = data;
  return (
    <Layout title={d.title} viewer={viewer}>
      <p class="note">
        <a href="/">Overview</a> › {nameOf(data.departments, d.provider)}
      </p>
      <h1>{d.title}</h1>
      <p class="lede">
        {nameOf(data.departments, d.provider)} → {nameOf(data.departments, d.consumer)} · period {e.period} ·{' '}
        {STATUS_LABEL[e.status]}
      </p>
      <section aria-labelledby="now">
        <h2 id="now">This period</h2>
        <CurrentNumbers data={data} />
      </section>
      <Charts charts={charts} />
      <LateSubjectsSection data={data} />
      <Excusals data={data} />
      <History data={data} />
      <RecentAudit data={data} />
    </Layout>
  );
}
