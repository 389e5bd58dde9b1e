/** A chart the page shows as an image, with the words a screen reader reads instead. */
export interface ChartLink {
  src: string;
  alt: string;
  caption: string;
}

/** The commitment's charts; the tables below carry the same numbers for anyone who cannot see them. */
export function Charts({ charts }: { charts: ChartLink[] }) {
  if (charts.length === 0) return null;
  return (
    <section aria-labelledby="charts">
      <h2 id="charts">Charts</h2>
      <div class="charts">
        {charts.map((chart) => (
          <figure key={chart.src} class="chart">
            <img src={chart.src} alt={chart.alt} width={640} height={360} />
            <figcaption>{chart.caption}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
