import type { RuleId } from '../types.js'

/** What every rule means, where it comes from and how to fix it: read by reports, SARIF and the README. */
export interface RuleInfo {
  /** Short human name. */
  readonly title: string
  /** One line: what a finding of this rule means. */
  readonly description: string
  /** The sentence of Scalingo's guide (or of the design) the rule enforces. */
  readonly recommendation: string
  /** One line: what to change in Scalingo's dashboard/CLI or on GitHub. */
  readonly fix: string
}

export const HELP_BASE = 'https://github.com/scalingo-access-governance/action#'

/** Link to the README section of a rule (one heading per rule id). */
export function helpUrl(rule: RuleId): string {
  return `${HELP_BASE}${rule}`
}

const GUIDE_SERVICE_OWNER =
  'Use a global Service Account (dedicated Scalingo account) as the application Owner, especially for production apps.'
const GUIDE_ROLE_SPLIT =
  'Assign the Collaborator role to trusted leads who need access to all environments, data, and team management; use the Limited Collaborator role for developers.'
const GUIDE_2FA = 'Perform regular reviews of 2FA status for all collaborators.'
const GUIDE_SCOPED_TOKEN =
  'Use a specific and dedicated Service Account to scope API tokens to a given application and ensure better isolation between apps.'
const GUIDE_BRANCHES =
  'Leverage branch protections and CI validation workflows for better deployment governance.'
const GUIDE_AUDIT =
  'Use our API to automate checks and integrate them into your internal security alerts or audit processes.'
const GUIDE_REVIEW =
  'Encourage code review and protected branches in your SCM to limit the impact of elevated permissions.'

export const RULE_CATALOG: Readonly<Record<RuleId, RuleInfo>> = Object.freeze({
  'owner-unexpected': {
    title: 'Unexpected app owner',
    description: 'The app is owned by an account that is not listed in the owners input.',
    recommendation:
      'Keep the Owner role for the CTO or an engineering manager in charge of account and billing governance.',
    fix: 'Transfer the app to an expected owner in the Scalingo dashboard (Settings > Transfer), or add the account to owners.'
  },
  'owner-not-service-account': {
    title: 'Owner is not a service account',
    description: 'The app is owned by a personal account rather than a dedicated service account.',
    recommendation: GUIDE_SERVICE_OWNER,
    fix: 'Transfer the app to a dedicated Scalingo service account and list it in service-accounts.'
  },
  'too-many-collaborators': {
    title: 'Too many full Collaborators',
    description:
      'More accounts hold the full Collaborator role on the app than max-collaborators allows.',
    recommendation: GUIDE_ROLE_SPLIT,
    fix: 'Turn developers into Limited Collaborators in the app Collaborators page, or raise max-collaborators.'
  },
  'collaborator-not-lead': {
    title: 'Full Collaborator who is not a lead',
    description:
      'A full Collaborator is in none of leads, owners or service-accounts and should be Limited.',
    recommendation: GUIDE_ROLE_SPLIT,
    fix: 'Change the collaborator to Limited Collaborator in the app Collaborators page, or add the account to leads.'
  },
  'account-not-in-roster': {
    title: 'Account outside the roster',
    description: 'An account on the app is in none of owners, service-accounts, leads or members.',
    recommendation:
      'Junior developers do not need a Scalingo account. They can contribute to the project exclusively through your GitHub or GitLab workflows.',
    fix: 'Remove the collaborator from the app in Scalingo, or add the account to leads or members.'
  },
  'too-many-accounts': {
    title: 'Too many Scalingo accounts',
    description: 'The owner and collaborators of the app together exceed max-accounts.',
    recommendation:
      'Junior developers do not need a Scalingo account. They can contribute to the project exclusively through your GitHub or GitLab workflows.',
    fix: 'Remove collaborators who only need GitHub access, or raise max-accounts.'
  },
  'collaborator-without-2fa': {
    title: 'Collaborator without 2FA',
    description: 'An accepted collaborator has not enabled two-factor authentication on Scalingo.',
    recommendation: GUIDE_2FA,
    fix: 'Ask the collaborator to enable 2FA in their Scalingo account settings, or remove them from the app.'
  },
  'owner-without-2fa': {
    title: 'Owner without 2FA',
    description: "The token's account owns the app and has not enabled two-factor authentication.",
    recommendation: GUIDE_2FA,
    fix: 'Enable 2FA on the owner account in the Scalingo dashboard (Account > Security).'
  },
  'invitation-pending': {
    title: 'Pending invitation',
    description: 'A collaborator invitation has not been accepted yet.',
    recommendation: GUIDE_AUDIT,
    fix: 'Ask the invitee to accept the invitation, or revoke it in the app Collaborators page.'
  },
  'collaborator-account-deleted': {
    title: 'Collaborator account deleted',
    description: 'A collaborator entry points to a Scalingo account that was deleted.',
    recommendation: GUIDE_AUDIT,
    fix: 'Remove the stale collaborator entry from the app Collaborators page.'
  },
  'token-not-app-scoped': {
    title: 'Token not scoped to the app',
    description: "The API token's account reaches Scalingo apps beyond the audited ones.",
    recommendation: GUIDE_SCOPED_TOKEN,
    fix: 'Generate the token from a service account that collaborates on the audited apps only.'
  },
  'token-not-service-account': {
    title: 'Token from a personal account',
    description: 'The API token belongs to an account that is not in service-accounts.',
    recommendation:
      'We recommend using a dedicated service account when you need application-scoped API access, and generate API tokens from it.',
    fix: 'Create a token from a dedicated service account and store it as the scalingo-api-token secret.'
  },
  'review-apps-from-forks': {
    title: 'Review apps from forks',
    description: 'The SCM link creates review apps automatically for pull requests from forks.',
    recommendation: GUIDE_REVIEW,
    fix: 'Disable automatic review app creation from forks in the app Review Apps settings.'
  },
  'scm-link-other-repo': {
    title: 'SCM link to another repository',
    description: 'The app deploys from a different repository than the one running this audit.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Link the app to this repository in the Scalingo Deploy settings, or run the audit from the linked one.'
  },
  'branch-unprotected': {
    title: 'Branch unprotected',
    description: 'The audited branch has no branch protection and no ruleset.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Add a branch protection rule or a ruleset for the branch in the GitHub repository settings.'
  },
  'reviews-not-required': {
    title: 'Reviews not required',
    description: 'The branch requires no approving review, or fewer than min-approvals.',
    recommendation: GUIDE_REVIEW,
    fix: 'Require pull request reviews with enough approvals in the branch protection or ruleset.'
  },
  'code-owner-review-not-required': {
    title: 'Code owner review not required',
    description: 'Changes to the branch do not need a review from code owners.',
    recommendation: GUIDE_REVIEW,
    fix: 'Enable "Require review from Code Owners" in the branch protection or ruleset, with a CODEOWNERS file.'
  },
  'status-checks-not-required': {
    title: 'Status checks not required',
    description: 'No status check must pass before changes reach the branch.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Require the CI status checks to pass in the branch protection or ruleset.'
  },
  'no-ci-workflow': {
    title: 'No CI workflow on pull requests',
    description: 'No active GitHub Actions workflow runs on pull requests.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Add a workflow triggered by pull_request that builds and tests the code.'
  },
  'force-push-allowed': {
    title: 'Force pushes allowed',
    description: 'History of the branch may be rewritten by force pushes.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Block force pushes in the branch protection or ruleset.'
  },
  'deletion-allowed': {
    title: 'Branch deletion allowed',
    description: 'The branch may be deleted.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Restrict deletions in the branch protection or ruleset.'
  },
  'admins-can-bypass': {
    title: 'Admins can bypass',
    description: 'Administrators or ruleset bypass actors skip the branch rules.',
    recommendation: GUIDE_REVIEW,
    fix: 'Enable "Do not allow bypassing the above settings" or remove bypass actors from the ruleset.'
  },
  'protection-partially-readable': {
    title: 'Protection partially readable',
    description:
      'The token could not read every branch protection setting; what was not seen is listed.',
    recommendation: GUIDE_BRANCHES,
    fix: 'Give the github-token Administration: read to audit classic protection fully, or use rulesets.'
  },
  'scalingo-unavailable': {
    title: 'Scalingo could not be read',
    description: 'A Scalingo fact the rules need could not be read, so the audit is incomplete.',
    recommendation:
      'A platform that cannot be read still gives a report and fails the run: never a silent pass.',
    fix: 'Check the scalingo-api-token, the app names and their regions, and that the token account can see the apps.'
  },
  'github-unavailable': {
    title: 'GitHub could not be read',
    description: 'A GitHub fact the rules need could not be read, so the audit is incomplete.',
    recommendation:
      'A platform that cannot be read still gives a report and fails the run: never a silent pass.',
    fix: 'Check the github-token and its permissions (Contents: read, Metadata: read, Actions: read).'
  },
  'ignore-expired': {
    title: 'Expired ignore entry',
    description: "An ignore entry's until date has passed, so it no longer applies.",
    recommendation: 'Accepted findings are reviewed again when their until date passes.',
    fix: 'Fix the finding, or extend the until date of the ignore entry with a reason.'
  }
} satisfies Record<RuleId, RuleInfo>)
