import { describe, expect, it } from '@jest/globals'
import { makeApp, makeFacts, makeScalingo, makeScmLink } from '../../../__fixtures__/facts.js'
import rule from '../../../src/policy/rules/scm-link-other-repo.js'
import type { Facts } from '../../../src/types.js'
import { itIsARule, run } from '../scenarios.js'

describe('scm-link-other-repo', () => {
  // DESIGN.md §2, copied by hand.
  itIsARule(rule, { small: 'notice', mid: 'notice', large: 'notice' })

  const withLink = (link: Parameters<typeof makeScmLink>[0] | null): Facts =>
    makeFacts({
      scalingo: makeScalingo({
        apps: [makeApp({ scmLink: link === null ? null : makeScmLink(link) })]
      })
    })

  it('compares owner/repo case-insensitively', () => {
    expect(run(rule, withLink({ owner: 'ACME', repo: 'Shop' }))).toEqual([])
    expect(run(rule, withLink({ repo: 'shop-legacy' }))).toEqual([
      expect.objectContaining({ app: 'my-app', subject: 'acme/shop-legacy' })
    ])
    expect(run(rule, withLink({ repo: 'x' }), { repository: null })).toEqual([])
    expect(run(rule, withLink(null))).toEqual([])
  })
})
