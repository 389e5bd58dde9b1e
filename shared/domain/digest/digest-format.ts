/**
 * How numbers and statuses read. The digest says them exactly as Slack replies, the CLI and alerts
 * do, so the caller passes that one formatter in (`shared/presentation/status-line.ts`, wired in
 * `shared/app/digest.ts`) rather than the core keeping a second copy or reaching outside itself.
 */
import type { Evaluation } from '../evaluate.js';
import type { Status } from '../model.js';

export interface DigestFormat {
  /** `1,250` or `62.5`. */
  amount(value: number): string;
  /** `99.5%` from 0.995; never on the other side of `against` (the objective it is read next to). */
  percent(share: number, against?: number): string;
  /** `62 / 100 leads · expected 70 by now · projected 89`. */
  figures(evaluation: Evaluation): string;
  /** `AT RISK`. */
  label: Record<Status, string>;
  /** `:large_orange_circle:` (Slack only). */
  emoji: Record<Status, string>;
}
