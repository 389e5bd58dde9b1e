import type { Evaluation } from '../../domain/evaluate.js';
import type { Department, Status } from '../../domain/model.js';
import type { WebViewer } from '../../ports/web-auth.js';
import { STATUS_LABEL, statusFigures } from '../../presentation/status-line.js';
import { burnupAlt } from '../chart-links.js';
import { Layout } from '../layout.js';
import { Progress, StatusBadge } from './status-parts.js';

export interface OverviewItem {
  id: string;
  title: string;
  provider: string;
  consumer: string;
  evaluation: Evaluation;
}

export interface OverviewFilters {
  department?: string;
  status?: Status;
}

export interface OverviewProps {
  items: OverviewItem[];
  departments: Record<string, Department>;
  filters: OverviewFilters;
  viewer?: WebViewer;
  /** The small chart beside each commitment, when the site draws charts. */
  chartSrc?: (id: string) => string;
}

const STATUSES = Object.keys(STATUS_LABEL) as Status[];

export const nameOf = (departments: Record<string, Department>, id: string) => departments[id]?.name ?? id;

function filterHref(filters: OverviewFilters): string {
  const query = new URLSearchParams();
  if (filters.department) query.set('department', filters.department);
  if (filters.status) query.set('status', filters.status);
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

function FilterLinks<T extends string>(props: {
  label: string;
  options: Array<{ value: T | undefined; text: string }>;
  current: T | undefined;
  href: (value: T | undefined) => string;
}) {
  return (
    <nav class="filters-group" aria-label={props.label}>
      <span>{props.label}:</span>
      <ul>
        {props.options.map((option) => (
          <li key={option.value ?? ''}>
            <a
              href={props.href(option.value)}
              aria-current={option.value === props.current ? 'true' : undefined}
            >
              {option.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Card({
  item,
  departments,
  chartSrc,
}: Pick<OverviewProps, 'departments' | 'chartSrc'> & { item: OverviewItem }) {
  const e = item.evaluation;
  return (
    <li class="card" data-commitment={item.id}>
      <h3>
        <a href={`/commitments/${encodeURIComponent(item.id)}`}>{item.title}</a>
      </h3>
      <p class="note">
        {nameOf(departments, item.provider)} → {nameOf(departments, item.consumer)} · {e.period}
      </p>
      <p>
        <StatusBadge status={e.status} />
      </p>
      <p class="figures" data-figures>
        {statusFigures(e)}
      </p>
      <Progress evaluation={e} label={`Progress of ${item.title}`} />
      {chartSrc ? (
        <img src={chartSrc(item.id)} alt={burnupAlt(item.title, e)} width={400} height={210} />
      ) : null}
    </li>
  );
}

/** Every commitment with its status and progress, grouped by the department that provides it. */
export function OverviewPage({ items, departments, filters, viewer, chartSrc }: OverviewProps) {
  const shown = items.filter(
    (item) =>
      (!filters.department || item.provider === filters.department || item.consumer === filters.department) &&
      (!filters.status || item.evaluation.status === filters.status),
  );
  const providers = [...new Set(shown.map((item) => item.provider))].sort((a, b) =>
    nameOf(departments, a).localeCompare(nameOf(departments, b)),
  );
  const departmentIds = Object.keys(departments).sort((a, b) =>
    nameOf(departments, a).localeCompare(nameOf(departments, b)),
  );
  return (
    <Layout title="Overview" viewer={viewer} section="overview">
      <h1>Commitments</h1>
      <div class="filters">
        <FilterLinks
          label="Department"
          current={filters.department}
          options={[
            { value: undefined, text: 'All' },
            ...departmentIds.map((id) => ({ value: id, text: nameOf(departments, id) })),
          ]}
          href={(department) => filterHref({ ...filters, department })}
        />
        <FilterLinks
          label="Status"
          current={filters.status}
          options={[
            { value: undefined, text: 'All' },
            ...STATUSES.map((status) => ({ value: status, text: STATUS_LABEL[status] })),
          ]}
          href={(status) => filterHref({ ...filters, status })}
        />
      </div>
      {shown.length === 0 ? <p>No commitment matches these filters.</p> : null}
      {providers.map((provider) => (
        <section key={provider} aria-labelledby={`provider-${provider}`}>
          <h2 id={`provider-${provider}`}>{nameOf(departments, provider)}</h2>
          <ul class="cards">
            {shown
              .filter((item) => item.provider === provider)
              .map((item) => (
                <Card key={item.id} item={item} departments={departments} chartSrc={chartSrc} />
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
