/**
 * Collects markdown lines up to a size limit. Tables are capped row by row beforehand; this is
 * the backstop that guarantees the limit whatever the input, by dropping the lines that would
 * cross it and saying so at the end.
 */
export class BoundedText {
  private readonly lines: string[] = []
  private used = 0
  private cut = false

  /**
   * @param limit most units allowed in the result (bytes or UTF-16 characters, per `measure`)
   * @param notice line appended when something was dropped; its size is reserved up front
   */
  constructor(
    private readonly limit: number,
    private readonly notice: string,
    private readonly measure: (s: string) => number = (s) => s.length
  ) {}

  get truncated(): boolean {
    return this.cut
  }

  /** Adds lines in order; once one does not fit, it and every later line are dropped. */
  push(...lines: readonly string[]): void {
    for (const line of lines) {
      if (this.cut) return
      const size = this.measure(line) + 1
      if (this.used + size + this.measure(this.notice) + 2 > this.limit) {
        this.cut = true
        return
      }
      this.lines.push(line)
      this.used += size
    }
  }

  toString(): string {
    const body = this.lines.join('\n')
    return this.cut ? `${body}\n\n${this.notice}\n` : `${body}\n`
  }
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8')
