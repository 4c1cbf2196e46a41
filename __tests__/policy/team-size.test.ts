import { describe, expect, it } from '@jest/globals'
import { makeConfig } from '../../__fixtures__/config.js'
import { makeApp, makeCollaborator, makeScalingo } from '../../__fixtures__/facts.js'
import { decideTeamSize } from '../../src/policy/team-size.js'
import type { AppFacts, AppTarget, Collaborator, ScalingoFacts } from '../../src/types.js'

const targets = (n: number): AppTarget[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `app-${i}`,
    region: 'osc-fr1',
    apiUrl: 'https://api.osc-fr1.scalingo.com'
  }))

/** One app with the owner and n - 1 collaborators: n distinct accounts. */
const accounts = (n: number, extra: Collaborator[] = []): ScalingoFacts =>
  makeScalingo({
    apps: [
      makeApp({
        collaborators: [...Array.from({ length: n - 1 }, () => makeCollaborator()), ...extra]
      })
    ]
  })

const decide = (
  scalingo: ScalingoFacts,
  apps = 1,
  teamSize: 'auto' | 'small' | 'mid' | 'large' = 'auto'
) => decideTeamSize(makeConfig({ apps: targets(apps), teamSize }), scalingo)

describe('decideTeamSize', () => {
  it('takes the input when it is not auto', () => {
    expect(decide(accounts(20), 1, 'small')).toEqual({ size: 'small', why: 'input: small' })
    expect(decide(accounts(1), 1, 'large')).toEqual({ size: 'large', why: 'input: large' })
  })

  it.each([
    [1, 'small'],
    [5, 'small'],
    [6, 'mid'],
    [15, 'mid'],
    [16, 'large']
  ] as const)('%i accounts → %s', (n, size) => {
    expect(decide(accounts(n), 2).size).toBe(size)
  })

  it('explains the count', () => {
    expect(decide(accounts(9), 2).why).toBe('auto: 9 accounts on 2 apps → mid')
    expect(decide(accounts(1), 1).why).toBe('auto: 1 account on 1 app → small')
  })

  it('more than 3 audited apps is at least large', () => {
    expect(decide(accounts(4), 3)).toEqual({
      size: 'small',
      why: 'auto: 4 accounts on 3 apps → small'
    })
    expect(decide(accounts(4), 4)).toEqual({
      size: 'large',
      why: 'auto: 4 accounts on 4 apps → large (more than 3 apps)'
    })
    expect(decide(accounts(4), 5).why).toBe('auto: 4 accounts on 5 apps → large (more than 3 apps)')
    expect(decide(accounts(20), 5).why).toBe('auto: 20 accounts on 5 apps → large')
  })

  it('counts a person once across apps, by any identity (sameAccount): email, username or id', () => {
    const shared = (extra: Partial<Collaborator>): Collaborator => makeCollaborator(extra)
    const app = (name: string, collaborators: Collaborator[]): AppFacts =>
      makeApp({ name, collaborators })
    const scalingo = makeScalingo({
      apps: [
        app('a', [
          shared({ id: 'c1', email: 'Alice@Example.com', username: 'alice' }),
          shared({ id: 'c2', email: null, username: 'Bob' }),
          shared({ id: 'c3', email: null, username: null })
        ]),
        app('b', [
          shared({ id: null, email: 'alice@example.com', username: 'other' }),
          shared({ id: null, email: null, username: 'bob' }),
          shared({ id: 'c3', email: null, username: null })
        ])
      ]
    })
    // owner, alice, bob, c3
    expect(decide(scalingo, 2).why).toBe('auto: 4 accounts on 2 apps → small')
  })

  it('includes pending invitations, not deleted accounts', () => {
    const pending = Array.from({ length: 2 }, () => makeCollaborator({ status: 'pending' }))
    const deleted = Array.from({ length: 9 }, () =>
      makeCollaborator({ status: 'user account deleted' })
    )
    expect(decide(accounts(4, [...pending, ...deleted])).why).toBe(
      'auto: 6 accounts on 1 app → mid'
    )
  })

  it('is large, the strictest, when Scalingo was not read, and says how to avoid it (DESIGN §3)', () => {
    const skipped: ScalingoFacts = { status: 'skipped', reason: 'no token' }
    expect(decide(skipped)).toEqual({
      size: 'large',
      why: 'auto: Scalingo skipped → large (the strictest, since Scalingo was not read; set team-size to use another)'
    })
    expect(decide(makeScalingo({ apps: [] }), 2)).toEqual({
      size: 'large',
      why: 'auto: no Scalingo app read → large (the strictest, since Scalingo was not read; set team-size to use another)'
    })
  })

  it('review apps add no accounts and are not audited apps', () => {
    const parent = makeApp({ name: 'web', collaborators: [makeCollaborator()] })
    const review = makeApp({
      name: 'web-pr1',
      parentApp: 'web',
      collaborators: Array.from({ length: 20 }, () => makeCollaborator())
    })
    expect(decide(makeScalingo({ apps: [parent, review] }), 2).why).toBe(
      'auto: 2 accounts on 1 app → small'
    )
  })
})
