/**
 * The last lines of the emulator's stdout and stderr, for start errors. Java stack frames are
 * dropped so the tail keeps the exception lines ("Failed to bind", "Caused by: …") that explain.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 20) {}

  push(chunk: Buffer): void {
    const pieces = (this.partial + chunk.toString('utf8')).split(/\r?\n/);
    this.partial = pieces.pop() ?? '';
    for (const line of pieces) this.keep(line);
  }

  text(): string {
    const lines = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return lines.length === 0 ? '(no output)' : lines.join('\n');
  }

  private keep(line: string): void {
    if (line.trim() === '' || /^\s+at |^\s+\.\.\. \d+ more$/.test(line)) return;
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
