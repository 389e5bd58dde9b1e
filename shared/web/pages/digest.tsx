import type { DigestFormat } from '../../domain/digest/digest-format.js';
import type { DepartmentCredits, DigestContent } from '../../domain/digest/digest-types.js';
import type { WebViewer } from '../../ports/web-auth.js';
import {
  creditWords,
  excusedWords,
  headlineWords,
  lastClosedWords,
  periodWords,
  progressWords,
  reviewWords,
  stateWords,
  weekRange,
} from '../../presentation/digest/digest-words.js';
import { Layout } from '../layout.js';
import { StatusBadge } from './status-parts.js';

export interface DigestPageProps {
  digest: DigestContent;
  format: DigestFormat;
  /** The week before this one, for the link back; absent when there is none to show. */
  previousWeek?: string;
  nextWeek?: string;
  viewer?: WebViewer;
}

const commitmentHref = (id: string) => `/commitments/${encodeURIComponent(id)}`;

function Credits({ owed, f, unit }: { owed: DepartmentCredits[]; f: DigestFormat; unit?: string }) {
  if (owed.length === 0) return <p>None.</p>;
  return (
    <ul>
      {owed.map((d) => (
        <li key={d.department}>
          {d.name}: {creditWords(d.credits, unit)} (
          {d.items.map((i) => `${i.commitmentId} ${i.periodKey}: ${f.amount(i.credit)}`).join(', ')})
        </li>
      ))}
    </ul>
  );
}

/** The week's digest as the executives get it by email and Slack, with links to each commitment. */
export function DigestPage({ digest: d, format: f, previousWeek, nextWeek, viewer }: DigestPageProps) {
  return (
    <Layout title={`Weekly digest ${d.week}`} viewer={viewer} section="digest">
      <h1>
        Weekly digest: week {d.week} ({weekRange(d)})
      </h1>
      <p class="lede">State of every commitment {stateWords(d)}.</p>
      <nav aria-label="Weeks" class="filters">
        <ul>
          {previousWeek ? (
            <li>
              <a href={`/digest?week=${previousWeek}`}>Previous week ({previousWeek})</a>
            </li>
          ) : null}
          {nextWeek ? (
            <li>
              <a href={`/digest?week=${nextWeek}`}>Next week ({nextWeek})</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="glance">
        <h2 id="glance">At a glance</h2>
        <p data-headline>{headlineWords(d.headline, f)}</p>
      </section>
      <section aria-labelledby="risks">
        <h2 id="risks">Top risks</h2>
        {d.topRisks.length === 0 ? (
          <p>None: nothing is at risk or breached.</p>
        ) : (
          <ol>
            {d.topRisks.map((risk) => (
              <li key={risk.commitmentId}>
                <StatusBadge status={risk.status} />{' '}
                <a href={commitmentHref(risk.commitmentId)}>{risk.title}</a>. Owner: {risk.owner.name}.{' '}
                {risk.gapText}.
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="credits">
        <h2 id="credits">Service credits owed</h2>
        <h3>For periods closed in {periodWords(d.credits.periodKey)}</h3>
        <Credits owed={d.credits.period} f={f} unit={d.credits.unit} />
        <h3>Quarter {d.credits.quarterKey} so far</h3>
        <Credits owed={d.credits.quarter} f={f} unit={d.credits.unit} />
      </section>
      <section aria-labelledby="excused">
        <h2 id="excused">Excused shortfalls</h2>
        {d.excused.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {d.excused.map((x) => (
              <li key={`${x.commitmentId}-${x.causedBy}`}>
                <a href={commitmentHref(x.commitmentId)}>{x.title}</a>: {excusedWords(x, f)}.
                {x.reason ? ` Reason: ${x.reason}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="reviews">
        <h2 id="reviews">Due for review</h2>
        {d.dueForReview.length === 0 ? (
          <p>None in the next two weeks.</p>
        ) : (
          <ul>
            {d.dueForReview.map((r) => (
              <li key={r.commitmentId}>
                <a href={commitmentHref(r.commitmentId)}>{r.title}</a>: {reviewWords(r)}.
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>Commitments by provider</h2>
      {d.providers.length === 0 ? <p>No active commitments.</p> : null}
      {d.providers.map((provider) => (
        <section key={provider.department} aria-labelledby={`digest-${provider.department}`}>
          <h3 id={`digest-${provider.department}`}>
            {provider.name} ({provider.commitments.length})
          </h3>
          <ul class="cards">
            {provider.commitments.map((c) => (
              <li key={c.id} class="card">
                <p>
                  <StatusBadge status={c.status} /> <a href={commitmentHref(c.id)}>{c.title}</a>
                </p>
                <p class="note">
                  For {c.consumerName}, period {c.period}
                </p>
                <p class="figures">{c.figures}</p>
                <p>{progressWords(c, f)}</p>
                {lastClosedWords(c, f) ? <p>{lastClosedWords(c, f)}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
