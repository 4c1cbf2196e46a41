import { describe, expect, it } from '@jest/globals'
import { makeApp, makeFacts, makeScalingo, makeScmLink } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/scm-link-personal-account.js'
import type { Account, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('scm-link-personal-account', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'off', mid: 'notice', large: 'warning' })

  const linkedBy = (linker: Account | null): Facts =>
    makeFacts({
      scalingo: makeScalingo({
        apps: [makeApp({ region: 'osc-secnum-fr1', scmLink: makeScmLink({ linker }) })]
      })
    })
  const john = { id: 'us-1', username: 'john', email: 'john@example.com' }

  it('fires when service-accounts is set and the linker is not one, with the re-link commands', () => {
    const [draft, ...rest] = run(rule, linkedBy(john), { serviceAccounts: ['deploy-bot'] })
    expect(rest).toEqual([])
    expect(draft?.subject).toBe('john@example.com')
    expect(draft?.fix).toBe(
      'Logged in as the service account, re-create the link: scalingo --app my-app --region osc-secnum-fr1 integration-link-delete, then scalingo --app my-app --region osc-secnum-fr1 integration-link-create --branch main --auto-deploy https://github.com/acme/shop.'
    )
  })

  it('matches the linker by any identity, and needs service-accounts and a known linker', () => {
    expect(run(rule, linkedBy(john), { serviceAccounts: ['JOHN'] })).toEqual([])
    expect(run(rule, linkedBy(john), { serviceAccounts: ['john@example.com'] })).toEqual([])
    expect(run(rule, linkedBy(john), { serviceAccounts: [] })).toEqual([])
    expect(run(rule, linkedBy(null), { serviceAccounts: ['deploy-bot'] })).toEqual([])
  })
})
