/**
 * The dashboard's one stylesheet, served from the site itself (the pages' policy allows no inline
 * style). Colours keep a contrast of at least 4.5:1 on their background, and every status is also
 * written out in words, so nothing depends on colour alone.
 */
export const STYLESHEET_PATH = '/assets/style.css';

export const STYLESHEET = `
:root { --ink: #1b1f24; --muted: #4a5560; --line: #d4d9de; --paper: #ffffff; --panel: #f4f6f8;
  --link: #0b57b0; --ok: #176b2c; --warn: #8a4b00; --bad: #b3261e; --met: #0f5e4f; --none: #4a5560; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--paper); }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; }
header.site { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center;
  gap: .5rem 2rem; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--panel); }
header.site nav { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; }
header.site ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
header.site .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
header.site [aria-current="page"] { font-weight: 700; }
.viewer { margin: 0; color: var(--muted); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
.lede, .note { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0 0 1rem; }
.filters ul { display: flex; flex-wrap: wrap; gap: .25rem .75rem; margin: 0; padding: 0; list-style: none; }
.filters [aria-current="true"] { font-weight: 700; color: var(--ink); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem;
  margin: 0; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; background: var(--paper); }
.card p { margin: .25rem 0; }
.card img, .chart img { display: block; max-width: 100%; height: auto; }
.status { display: inline-block; font-weight: 700; font-size: .85rem; letter-spacing: .02em; }
.status-on_track { color: var(--ok); } .status-at_risk { color: var(--warn); }
.status-breached { color: var(--bad); } .status-met { color: var(--met); } .status-no_data { color: var(--none); }
progress { width: 100%; height: .75rem; }
.figures { font-variant-numeric: tabular-nums; }
dl.numbers { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.numbers dt { color: var(--muted); } dl.numbers dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
.pending { font-weight: 700; color: var(--warn); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; } figcaption { color: var(--muted); font-size: .9rem; }
details { margin: .5rem 0; }
@media (max-width: 40rem) { main { padding: .75rem; } h1 { font-size: 1.35rem; } }
`;
