import { describe, expect, it } from '@jest/globals'
import { makeApp, makeFacts, makeScalingo, makeScmLink } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/review-apps-from-forks.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('review-apps-from-forks', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'warning', mid: 'warning', large: 'error' })

  const withLink = (link: Parameters<typeof makeScmLink>[0] | null): Facts =>
    makeFacts({
      scalingo: makeScalingo({
        apps: [makeApp({ scmLink: link === null ? null : makeScmLink(link) })]
      })
    })

  it('needs review apps and forks both on', () => {
    expect(run(rule, withLink({ reviewAppsEnabled: true }))).toEqual([])
    expect(run(rule, withLink({ reviewAppsFromForks: true }))).toEqual([])
    expect(run(rule, withLink(null))).toEqual([])
    expect(run(rule, withLink({ reviewAppsEnabled: true, reviewAppsFromForks: true }))).toEqual([
      expect.objectContaining({ app: 'my-app' })
    ])
  })
})
