/**
 * An independent check of a Slack message against the Block Kit limits Slack documents
 * (https://api.slack.com/reference/block-kit/blocks), written from the documentation rather than
 * from the renderer's constants so that it can catch the renderer's mistakes.
 */

const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  fallbackText: 40_000,
};

type AnyBlock = { type?: unknown; text?: unknown; fields?: unknown; elements?: unknown; block_id?: unknown };
type TextObject = { type?: unknown; text?: unknown };

function textOf(value: unknown): TextObject | undefined {
  return typeof value === 'object' && value !== null ? (value as TextObject) : undefined;
}

/** Every way `message` breaks a limit; empty when Slack would take it. */
export function slackLimitViolations(message: { blocks: unknown[]; text: string }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('no fallback text');
  else if (message.text.length > LIMITS.fallbackText)
    problems.push(`fallback text ${message.text.length} chars`);
  if (message.blocks.length === 0) problems.push('no blocks');
  if (message.blocks.length > LIMITS.blocks) problems.push(`${message.blocks.length} blocks`);
  message.blocks.forEach((raw, i) => {
    const block = raw as AnyBlock;
    const at = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string' && block.block_id.length > 255)
      problems.push(`${at}: block_id too long`);
    switch (block.type) {
      case 'header': {
        const t = textOf(block.text);
        if (t?.type !== 'plain_text') problems.push(`${at}: header text must be plain_text`);
        if (typeof t?.text !== 'string' || t.text.length === 0) problems.push(`${at}: empty header`);
        else if (t.text.length > LIMITS.headerText) problems.push(`${at}: header ${t.text.length} chars`);
        break;
      }
      case 'section': {
        const t = textOf(block.text);
        const fields = Array.isArray(block.fields) ? block.fields : undefined;
        if (!t && !fields) problems.push(`${at}: section without text or fields`);
        if (t) {
          if (t.type !== 'mrkdwn' && t.type !== 'plain_text') problems.push(`${at}: unknown text type`);
          if (typeof t.text !== 'string' || t.text.length === 0) problems.push(`${at}: empty section text`);
          else if (t.text.length > LIMITS.sectionText) problems.push(`${at}: section ${t.text.length} chars`);
        }
        if (fields) {
          if (fields.length > LIMITS.sectionFields) problems.push(`${at}: ${fields.length} fields`);
          fields.forEach((f, j) => {
            const text = textOf(f)?.text;
            if (typeof text !== 'string' || text.length > LIMITS.fieldText)
              problems.push(`${at}: field ${j} too long`);
          });
        }
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMITS.contextElements) {
          problems.push(`${at}: ${elements.length} context elements`);
        }
        for (const e of elements) {
          const text = textOf(e)?.text;
          if (typeof text !== 'string' || text.length === 0 || text.length > LIMITS.sectionText) {
            problems.push(`${at}: bad context element`);
          }
        }
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  return problems;
}
