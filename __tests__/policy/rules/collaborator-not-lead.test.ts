import { describe, expect, it } from '@jest/globals'
import {
  makeApp,
  makeCollaborator,
  makeFacts,
  makeScalingo,
  makeScmLink
} from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/collaborator-not-lead.js'
import type { Collaborator, Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('collaborator-not-lead', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'warning', large: 'error' })

  const withCollaborators = (...collaborators: Collaborator[]): Facts =>
    makeFacts({ scalingo: makeScalingo({ apps: [makeApp({ collaborators })] }) })

  it('needs a roster and a full collaborator outside leads/owners/service accounts', () => {
    const lead = makeCollaborator({ email: 'Lead@Example.com' })
    const stranger = makeCollaborator({ email: 'x@example.com', username: 'x' })
    const pending = makeCollaborator({ email: 'p@example.com', status: 'pending' })
    const limited = makeCollaborator({ isLimited: true })
    const bot = makeCollaborator({ username: 'deployer', email: null })
    const facts = withCollaborators(lead, stranger, pending, limited, bot)
    expect(run(rule, facts, { leads: [] })).toEqual([])
    const drafts = run(rule, facts, { leads: ['lead@example.com'], serviceAccounts: ['deployer'] })
    expect(drafts.map((d) => d.subject)).toEqual(['x@example.com', 'p@example.com'])
    // members alone also set the roster
    expect(run(rule, facts, { members: ['m'] })).toHaveLength(4)
    // an entry matches the email or the username, not the id
    expect(run(rule, facts, { leads: ['lead@example.com', stranger.id ?? ''] })).toHaveLength(3)
  })
})

describe('collaborator-not-lead on the SCM linker (#13)', () => {
  it('says Scalingo will not change the role, and the fix re-links from a service account first', () => {
    const linker = makeCollaborator({ id: 'us-7', email: 'john@example.com', username: 'john' })
    const facts = makeFacts({
      scalingo: makeScalingo({
        apps: [
          makeApp({
            collaborators: [linker],
            scmLink: makeScmLink({ linker: { id: 'us-7', username: 'john', email: null } })
          })
        ]
      })
    })
    const [draft] = run(rule, facts, { leads: ['lead@example.com'] })
    expect(draft?.message).toContain(
      "Scalingo will not change this role while the account is the app's SCM linker"
    )
    expect(draft?.fix).toMatch(
      /^Logged in as the service account, re-create the link: .*integration-link-delete.* Then make john@example.com a Limited Collaborator\.$/
    )
  })
})
