import { jest } from '@jest/globals'
import type * as core from '@actions/core'

/**
 * Typed fake of the parts of @actions/core the action uses, for
 * `jest.unstable_mockModule('@actions/core', () => core)` (the toolkit is ESM-only, so the module
 * is mocked before a dynamic import of the code under test; actions/typescript-action does the
 * same). Call `resetCore()` before each test.
 */
export const debug = jest.fn<typeof core.debug>()
export const info = jest.fn<typeof core.info>()
export const notice = jest.fn<typeof core.notice>()
export const warning = jest.fn<typeof core.warning>()
export const error = jest.fn<typeof core.error>()
export const getInput = jest.fn<typeof core.getInput>()
export const setOutput = jest.fn<typeof core.setOutput>()
export const setFailed = jest.fn<typeof core.setFailed>()
export const setSecret = jest.fn<typeof core.setSecret>()
/** Runs the function, as the toolkit does between ::group:: and ::endgroup::. */
export const group = jest.fn(<T>(_name: string, fn: () => Promise<T>): Promise<T> => fn())

/**
 * The job summary as the toolkit builds it: `addRaw` appends to a buffer, `write` flushes the
 * buffer (and empties it). `summaryWrites` holds each flush.
 */
export const summaryWrites: string[] = []
class FakeSummary {
  private buffer = ''
  addRaw(text: string, addEOL = false): FakeSummary {
    this.buffer += addEOL ? `${text}\n` : text
    return this
  }
  async write(): Promise<FakeSummary> {
    summaryWrites.push(this.buffer)
    this.buffer = ''
    return this
  }
  emptyBuffer(): FakeSummary {
    this.buffer = ''
    return this
  }
  stringify(): string {
    return this.buffer
  }
}
// The action calls addRaw and write only; the cast says so rather than faking every method.
export const summary = new FakeSummary() as unknown as typeof core.summary

/** Clears every call and implementation, and the summary. */
export function resetCore(): void {
  for (const fn of [debug, info, notice, warning, error, getInput, setOutput, setFailed, setSecret])
    fn.mockReset()
  group.mockClear()
  summary.emptyBuffer()
  summaryWrites.length = 0
}

/** The outputs set so far, by name (the last value wins, as on a runner). */
export function outputs(): Record<string, string> {
  return Object.fromEntries(setOutput.mock.calls.map(([name, value]) => [name, String(value)]))
}
