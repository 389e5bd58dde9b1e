import type { ComponentChildren } from 'preact';
import type { Evaluation } from '../../domain/evaluate.js';
import type { Status } from '../../domain/model.js';
import { attainmentWords } from '../../domain/readable-budget.js';
import { STATUS_LABEL } from '../../presentation/status-line.js';

/** The status in words, coloured by class; the words carry the meaning, the colour only helps. */
export function StatusBadge({ status }: { status: Status }) {
  return <span class={`status status-${status}`}>{STATUS_LABEL[status]}</span>;
}

/** How far along the target is, as a native progress bar with its value also written out. */
export function Progress({ evaluation: e, label }: { evaluation: Evaluation; label: string }) {
  const words = attainmentWords(e);
  if (e.attainment === null || words === undefined) return <p class="note">No data yet</p>;
  const of = e.measure === 'total' ? 'of target' : 'of the objective';
  const shown = Math.max(0, Math.min(1, e.attainment));
  return (
    <p class="progress">
      <progress max={100} value={Math.round(shown * 100)} aria-label={label} />
      <span class="figures">
        {words} {of}
      </span>
    </p>
  );
}

/** A titled section holding one table, or a sentence when there are no rows to show. */
export function TableSection(props: {
  id: string;
  title: string;
  empty: string | undefined;
  columns: readonly string[];
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.empty !== undefined ? (
        <p>{props.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
