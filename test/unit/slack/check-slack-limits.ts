import { expect } from 'vitest';

type Json = Record<string, unknown>;

const textOf = (value: unknown): string => {
  expect(value, 'a text object').toMatchObject({ type: expect.stringMatching(/^(plain_text|mrkdwn)$/) });
  const text = (value as Json).text;
  expect(typeof text).toBe('string');
  return text as string;
};

function checkButton(element: unknown, where: string): void {
  const button = element as Json;
  expect(button.type, where).toBe('button');
  expect((button.text as Json).type, `${where} text is plain_text`).toBe('plain_text');
  expect(textOf(button.text).length, `${where} text ≤ 75`).toBeLessThanOrEqual(75);
  expect(String(button.action_id).length, `${where} action_id ≤ 255`).toBeLessThanOrEqual(255);
  expect(String(button.value ?? '').length, `${where} value ≤ 2000`).toBeLessThanOrEqual(2000);
}

/**
 * Asserts a message fits Slack's Block Kit limits: ≤ 50 blocks, header ≤ 150, section text ≤ 3,000,
 * fields ≤ 10 of ≤ 2,000, context ≤ 10 elements, button text ≤ 75, and a non-empty text fallback.
 * Slack rejects a whole message when any one of these is exceeded.
 */
export function checkSlackLimits(message: { text?: unknown; blocks?: unknown }): void {
  expect(typeof message.text, 'a plain-text fallback').toBe('string');
  expect((message.text as string).length, 'fallback text is not empty').toBeGreaterThan(0);
  const blocks = (message.blocks ?? []) as Json[];
  expect(Array.isArray(blocks)).toBe(true);
  expect(blocks.length, 'at most 50 blocks').toBeLessThanOrEqual(50);
  blocks.forEach((block, i) => {
    const where = `block ${i} (${String(block.type)})`;
    switch (block.type) {
      case 'header':
        expect((block.text as Json).type, `${where} is plain_text`).toBe('plain_text');
        expect(textOf(block.text).length, `${where} ≤ 150`).toBeLessThanOrEqual(150);
        break;
      case 'section': {
        expect(block.text !== undefined || block.fields !== undefined, `${where} has text or fields`).toBe(
          true,
        );
        if (block.text !== undefined)
          expect(textOf(block.text).length, `${where} ≤ 3000`).toBeLessThanOrEqual(3000);
        const fields = (block.fields ?? []) as unknown[];
        expect(fields.length, `${where} ≤ 10 fields`).toBeLessThanOrEqual(10);
        for (const field of fields)
          expect(textOf(field).length, `${where} field ≤ 2000`).toBeLessThanOrEqual(2000);
        if (block.accessory) checkButton(block.accessory, `${where} accessory`);
        break;
      }
      case 'context': {
        const elements = block.elements as unknown[];
        expect(elements.length, `${where} has 1-10 elements`).toBeGreaterThan(0);
        expect(elements.length).toBeLessThanOrEqual(10);
        for (const element of elements) expect(textOf(element).length).toBeLessThanOrEqual(2000);
        break;
      }
      case 'actions': {
        const elements = block.elements as unknown[];
        expect(elements.length, `${where} has 1-25 elements`).toBeGreaterThan(0);
        expect(elements.length).toBeLessThanOrEqual(25);
        elements.forEach((element, j) => {
          checkButton(element, `${where} element ${j}`);
        });
        break;
      }
      case 'divider':
        break;
      default:
        throw new Error(`${where}: unexpected block type`);
    }
  });
}

/** Every text in a message's blocks, joined: for asserting what a person reads. */
export function blocksText(message: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const object = value as Json;
      if (typeof object.text === 'string') out.push(object.text);
      for (const [key, child] of Object.entries(object))
        if (key !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(message.blocks);
  return out.join('\n');
}
