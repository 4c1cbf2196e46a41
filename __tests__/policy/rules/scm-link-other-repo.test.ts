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

  it('compares the host (url, else scm_type, against GITHUB_SERVER_URL) too (#13)', () => {
    // A GitLab acme/shop is not github.com acme/shop.
    expect(run(rule, withLink({ scmType: 'gitlab', url: 'https://gitlab.com' }))).toEqual([
      expect.objectContaining({ subject: 'gitlab.com/acme/shop' })
    ])
    expect(run(rule, withLink({ scmType: 'gitlab', url: null }))).toHaveLength(1)
    // scm_type alone says github.com when no url is given.
    expect(run(rule, withLink({ url: null }))).toEqual([])
    // A GitHub Enterprise link to this host's acme/shop, hosts compared case-insensitively.
    const ghe = withLink({ scmType: 'github-enterprise', url: 'https://GHE.Acme.test' })
    expect(run(rule, ghe, { githubHost: 'ghe.acme.test' })).toEqual([])
    expect(run(rule, ghe)).toEqual([
      expect.objectContaining({ subject: 'ghe.acme.test/acme/shop' })
    ])
  })
})
