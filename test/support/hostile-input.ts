/** Text people could type that would be markup if a page pasted it in unescaped. */
export const HOSTILE_TITLE = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
export const HOSTILE_REASON = '"><img src=x onerror=alert(3)> <script>alert(4)</script>';

/** A commitment of its own with the hostile title, so no other commitment's numbers change. */
export const HOSTILE_ID = 'hostile-title';
export const hostileCommitment = {
  title: HOSTILE_TITLE,
  provider: 'marketing',
  consumer: 'sales',
  measure: 'total',
  unit: 'leads',
  period: 'month',
  target: 10,
};
