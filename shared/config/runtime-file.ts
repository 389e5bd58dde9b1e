/**
 * The local runtime leaves its address in its data folder, so `sla` finds a runtime started on
 * another port (`PORT=43117 npm start`) with no flags. The file goes when the runtime stops.
 */
export const RUNTIME_FILE = 'runtime.json';

/** Where `npm start` keeps its data unless SLA_DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = '.sla-local';

export interface RuntimeFile {
  url: string;
  pid: number;
}

export function formatRuntimeFile(file: RuntimeFile): string {
  return `${JSON.stringify(file)}\n`;
}

/** The URL in a runtime file's text, or undefined when the text is not one. */
export function urlOfRuntimeFile(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<RuntimeFile>;
    return typeof parsed.url === 'string' && /^https?:\/\//.test(parsed.url) ? parsed.url : undefined;
  } catch {
    return undefined;
  }
}
