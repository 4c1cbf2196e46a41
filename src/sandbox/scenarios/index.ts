import accessReview from './access-review.json' with { type: 'json' }
import githubAutodeploy from './github-autodeploy.json' with { type: 'json' }
import githubDeploys from './github-deploys.json' with { type: 'json' }
import githubClassic from './github-classic.json' with { type: 'json' }
import githubFreePrivate from './github-free-private.json' with { type: 'json' }
import githubNoAdmin from './github-no-admin.json' with { type: 'json' }
import githubOrgRulesets from './github-org-rulesets.json' with { type: 'json' }
import githubRulesets from './github-rulesets.json' with { type: 'json' }
import largeFailing from './large-failing.json' with { type: 'json' }
import largeHealthy from './large-healthy.json' with { type: 'json' }
import midFailing from './mid-failing.json' with { type: 'json' }
import midHealthy from './mid-healthy.json' with { type: 'json' }
import smallFailing from './small-failing.json' with { type: 'json' }
import smallHealthy from './small-healthy.json' with { type: 'json' }

/** Scenario files as written, by name; `loadScenario` validates them. */
export const SCENARIO_FILES: Readonly<Record<string, unknown>> = {
  'small-healthy': smallHealthy,
  'small-failing': smallFailing,
  'mid-healthy': midHealthy,
  'mid-failing': midFailing,
  'large-healthy': largeHealthy,
  'large-failing': largeFailing,
  'github-classic': githubClassic,
  'github-rulesets': githubRulesets,
  'github-no-admin': githubNoAdmin,
  'github-autodeploy': githubAutodeploy,
  'github-deploys': githubDeploys,
  'access-review': accessReview,
  'github-free-private': githubFreePrivate,
  'github-org-rulesets': githubOrgRulesets
}
