/**
 * Every bundled scenario, run through dist/index.js on Node 24, gives exactly the findings that
 * DESIGN §2 calls for at its team size. Each list was checked by hand against the scenario's data.
 * One place: scenarios.test.ts checks every entry; the tests of single behaviours (GitHub's
 * answers, deploys) compare with the same lists instead of spelling them again.
 */
export const EXPECTED: Readonly<
  Record<string, { result: string; size: string; code: number; findings: readonly string[] }>
> = {
  'small-healthy': {
    result: 'pass',
    size: 'small',
    code: 0,
    findings: []
  },
  'small-failing': {
    result: 'fail',
    size: 'small',
    code: 1,
    findings: [
      'error owner-unexpected @startup-web :max@startup.example',
      'warning no-ci-workflow @- :startup/web',
      'warning too-many-collaborators @startup-web :-',
      'warning collaborator-without-2fa @startup-web :jade@startup.example',
      'warning owner-without-2fa @startup-web :max@startup.example',
      'warning collaborator-account-deleted @startup-web :sam@startup.example',
      'warning review-apps-from-forks @startup-web :startup/web',
      'warning branch-unprotected @startup-web :main',
      'warning reviews-not-required @startup-web :main',
      'notice collaborator-not-lead @startup-web :jade@startup.example',
      'notice invitation-pending @startup-web :intern@startup.example',
      'notice status-checks-not-required @startup-web :main'
    ]
  },
  'mid-healthy': {
    result: 'pass',
    size: 'mid',
    code: 0,
    findings: []
  },
  'mid-failing': {
    result: 'fail',
    size: 'mid',
    code: 1,
    findings: [
      'error owner-unexpected @fleet-production :paul@fleet.example',
      'error reviews-not-required @fleet-production :main',
      'error status-checks-not-required @fleet-production :main',
      'error owner-unexpected @fleet-staging :paul@fleet.example',
      'warning no-ci-workflow @- :fleet/fleet-api',
      'warning ignore-expired @- :invitation-pending until 2024-06-30 # onboarding batch of June',
      'warning too-many-collaborators @fleet-production :-',
      'warning collaborator-not-lead @fleet-production :sofia@fleet.example',
      'warning collaborator-not-lead @fleet-production :tom@fleet.example',
      'warning collaborator-not-lead @fleet-production :ugo@fleet.example',
      'warning account-not-in-roster @fleet-production :paul@fleet.example',
      'warning account-not-in-roster @fleet-production :will@fleet.example',
      'warning account-not-in-roster @fleet-production :xena@fleet.example',
      'warning collaborator-without-2fa @fleet-production :tom@fleet.example',
      'warning collaborator-without-2fa @fleet-production :vera@fleet.example',
      'warning owner-without-2fa @fleet-production :paul@fleet.example',
      'warning collaborator-account-deleted @fleet-production :yann@fleet.example',
      'warning force-push-allowed @fleet-production :main',
      'warning deletion-allowed @fleet-production :main',
      'warning collaborator-not-lead @fleet-staging :sofia@fleet.example',
      'warning account-not-in-roster @fleet-staging :paul@fleet.example',
      'warning account-not-in-roster @fleet-staging :will@fleet.example',
      'warning collaborator-without-2fa @fleet-staging :vera@fleet.example',
      'warning owner-without-2fa @fleet-staging :paul@fleet.example',
      'warning review-apps-from-forks @fleet-staging :fleet/infra',
      'notice token-not-app-scoped @- :paul@fleet.example',
      'notice token-not-service-account @- :paul@fleet.example',
      'notice owner-not-service-account @fleet-production :paul@fleet.example',
      'notice invitation-pending @fleet-production :xena@fleet.example',
      'notice scm-link-personal-account @fleet-production :paul@fleet.example',
      'notice code-owner-review-not-required @fleet-production :main',
      'notice admins-can-bypass @fleet-production :main',
      'notice owner-not-service-account @fleet-staging :paul@fleet.example',
      'notice scm-link-other-repo @fleet-staging :fleet/infra (accepted)',
      'notice scm-link-personal-account @fleet-staging :paul@fleet.example'
    ]
  },
  'large-healthy': {
    result: 'pass',
    size: 'large',
    code: 0,
    findings: []
  },
  'large-failing': {
    result: 'fail',
    size: 'large',
    code: 1,
    findings: [
      'error owner-unexpected @bigco-admin :v***@bigco.example',
      'error owner-not-service-account @bigco-admin :v***@bigco.example',
      'error collaborator-not-lead @bigco-admin :e***@bigco.example',
      'error collaborator-without-2fa @bigco-billing :b***@bigco.example',
      'error owner-unexpected @bigco-production :v***@bigco.example',
      'error owner-not-service-account @bigco-production :v***@bigco.example',
      'error collaborator-not-lead @bigco-production :c***@bigco.example',
      'error collaborator-not-lead @bigco-production :d***@bigco.example',
      'error collaborator-not-lead @bigco-production :e***@bigco.example',
      'error collaborator-without-2fa @bigco-production :b***@bigco.example',
      'error collaborator-without-2fa @bigco-production :d***@bigco.example',
      'error collaborator-without-2fa @bigco-production :f***@bigco.example',
      'error collaborator-without-2fa @bigco-production :j***@bigco.example',
      'error review-apps-from-forks @bigco-production :bigco/monolith',
      'error reviews-not-required @bigco-production :release',
      'error status-checks-not-required @bigco-production :release',
      'error owner-unexpected @bigco-staging :v***@bigco.example',
      'error owner-not-service-account @bigco-staging :v***@bigco.example',
      'error collaborator-not-lead @bigco-staging :c***@bigco.example',
      'error collaborator-without-2fa @bigco-staging :b***@bigco.example',
      'error collaborator-without-2fa @bigco-staging :f***@bigco.example',
      'error collaborator-without-2fa @bigco-staging :j***@bigco.example',
      'error branch-unprotected @bigco-staging :main',
      'error reviews-not-required @bigco-staging :main',
      'error status-checks-not-required @bigco-staging :main',
      'error owner-unexpected @bigco-worker :v***@bigco.example',
      'error owner-not-service-account @bigco-worker :v***@bigco.example',
      'error collaborator-not-lead @bigco-worker :d***@bigco.example',
      'error collaborator-without-2fa @bigco-worker :d***@bigco.example',
      'warning token-not-app-scoped @- :a***@bigco.example',
      'warning token-not-service-account @- :a***@bigco.example',
      'warning account-not-in-roster @bigco-admin :e***@bigco.example',
      'warning account-not-in-roster @bigco-admin :g***@bigco.example',
      'warning account-not-in-roster @bigco-admin :v***@bigco.example',
      'warning too-many-collaborators @bigco-production :-',
      'warning account-not-in-roster @bigco-production :c***@bigco.example',
      'warning account-not-in-roster @bigco-production :d***@bigco.example',
      'warning account-not-in-roster @bigco-production :e***@bigco.example',
      'warning account-not-in-roster @bigco-production :g***@bigco.example',
      'warning account-not-in-roster @bigco-production :m***@contractor.example',
      'warning account-not-in-roster @bigco-production :v***@bigco.example',
      'warning too-many-accounts @bigco-production :-',
      'warning collaborator-account-deleted @bigco-production :k***@bigco.example',
      'warning scm-link-personal-account @bigco-production :v***@bigco.example',
      'warning code-owner-review-not-required @bigco-production :release',
      'warning force-push-allowed @bigco-production :release',
      'warning deletion-allowed @bigco-production :release',
      'warning admins-can-bypass @bigco-production :release',
      'warning account-not-in-roster @bigco-staging :c***@bigco.example',
      'warning account-not-in-roster @bigco-staging :l***@bigco.example',
      'warning account-not-in-roster @bigco-staging :v***@bigco.example',
      'warning scm-link-personal-account @bigco-staging :v***@bigco.example',
      'warning code-owner-review-not-required @bigco-staging :main',
      'warning force-push-allowed @bigco-staging :main',
      'warning deletion-allowed @bigco-staging :main',
      'warning account-not-in-roster @bigco-worker :d***@bigco.example',
      'warning account-not-in-roster @bigco-worker :v***@bigco.example',
      'warning scm-link-personal-account @bigco-worker :v***@bigco.example',
      'notice invitation-pending @bigco-production :m***@contractor.example',
      'notice invitation-pending @bigco-staging :l***@bigco.example',
      'notice scm-link-other-repo @bigco-worker :bigco/worker'
    ]
  },
  'github-classic': {
    result: 'pass',
    size: 'large',
    code: 0,
    findings: ['warning admins-can-bypass @demo-app :main']
  },
  'github-rulesets': {
    result: 'pass',
    size: 'large',
    code: 0,
    findings: []
  },
  'github-no-admin': {
    result: 'pass',
    size: 'large',
    code: 0,
    findings: ['notice protection-partially-readable @demo-app :main']
  },
  'github-autodeploy': {
    result: 'fail',
    size: 'large',
    code: 1,
    findings: [
      'error branch-unprotected @demo-app :production',
      'error reviews-not-required @demo-app :production',
      'error status-checks-not-required @demo-app :production',
      'warning code-owner-review-not-required @demo-app :production',
      'warning force-push-allowed @demo-app :production',
      'warning deletion-allowed @demo-app :production'
    ]
  },
  'github-deploys': {
    result: 'fail',
    size: 'large',
    code: 1,
    findings: [
      'error deploy-secret-outside-environment @demo-app :.github/workflows/deploy-manual.yml#deploy',
      'error deploy-secret-outside-environment @demo-app :.github/workflows/deploy-push.yml#deploy',
      'error deploy-environment-unprotected @demo-app :.github/workflows/scalingo-deploy.yml#ship',
      'error deploy-trigger-unguarded @demo-app :.github/workflows/deploy-manual.yml#deploy',
      'error deploy-trigger-unguarded @demo-app :.github/workflows/deploy-push.yml#deploy',
      'error deploy-trigger-unguarded @demo-app :.github/workflows/scalingo-deploy.yml#ship'
    ]
  },
  'access-review': {
    result: 'pass',
    size: 'small',
    code: 0,
    findings: ['notice invitation-pending @acme-production :zoe@acme.example']
  },
  'github-free-private': {
    result: 'fail',
    size: 'large',
    code: 1,
    findings: [
      'error branch-unprotected @demo-app :main',
      'error reviews-not-required @demo-app :main',
      'error status-checks-not-required @demo-app :main',
      'warning no-ci-workflow @- :demo/app',
      'warning code-owner-review-not-required @demo-app :main',
      'warning force-push-allowed @demo-app :main',
      'warning deletion-allowed @demo-app :main'
    ]
  },
  'github-org-rulesets': {
    result: 'fail',
    size: 'large',
    code: 1,
    findings: [
      'error branch-unprotected @demo-staging :env/staging/eu',
      'error reviews-not-required @demo-staging :env/staging/eu',
      'error status-checks-not-required @demo-staging :env/staging/eu',
      'warning admins-can-bypass @demo-app :main',
      'warning actions-can-approve-reviews @demo-app :main',
      'warning code-owner-review-not-required @demo-staging :env/staging/eu',
      'warning deletion-allowed @demo-staging :env/staging/eu',
      'notice protection-partially-readable @demo-app :main'
    ]
  }
}

/** The finding lines of one scenario; a name without an entry is a mistake in the test. */
export function expectedFindings(scenario: string): readonly string[] {
  const expected = EXPECTED[scenario]
  if (expected === undefined) throw new Error(`no expected findings for scenario ${scenario}`)
  return expected.findings
}
