import { describe, expect, it } from '@jest/globals'
import { makeApp, makeFacts, makeScalingo, makeToken } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/owner-without-2fa.js'
import type { Account, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('owner-without-2fa', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'error' })

  it('fires when the token account owns the app and its 2FA is off', () => {
    const owner = makeApp().owner
    const facts = (account: Account, tfaEnabled: boolean | null): Facts =>
      makeFacts({ scalingo: makeScalingo({ token: makeToken({ account, tfaEnabled }) }) })
    expect(run(rule, facts(owner, false))).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'owner@example.com' })
    ])
    expect(run(rule, facts(owner, false), { require2fa: false })).toEqual([])
    expect(run(rule, facts(owner, null))).toEqual([])
    expect(run(rule, facts(owner, true))).toEqual([])
    expect(run(rule, facts(makeToken().account, false))).toEqual([])
    // no id on one side: matched by email
    expect(
      run(rule, facts({ id: null, username: null, email: 'OWNER@example.com' }, false))
    ).toHaveLength(1)
    // ids differ: another account, whatever the email says
    expect(run(rule, facts({ ...owner, id: 'us-other' }, false))).toEqual([])
  })
})
