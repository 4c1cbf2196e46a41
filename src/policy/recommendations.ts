/**
 * Sentences that several rules enforce, quoted from Scalingo's access-governance guide
 * (shared/reference/scalingo-role-access-recommendations.md) or, for the last one, from the design.
 * A sentence used by one rule only is written in that rule's module.
 */

export const GUIDE_SERVICE_OWNER =
  'Use a global Service Account (dedicated Scalingo account) as the application Owner, especially for production apps.'
export const GUIDE_ROLE_SPLIT =
  'Assign the Collaborator role to trusted leads who need access to all environments, data, and team management; use the Limited Collaborator role for developers.'
export const GUIDE_NO_ACCOUNT =
  'Junior developers do not need a Scalingo account. They can contribute to the project exclusively through your GitHub or GitLab workflows.'
export const GUIDE_2FA = 'Perform regular reviews of 2FA status for all collaborators.'
export const GUIDE_AUDIT =
  'Use our API to automate checks and integrate them into your internal security alerts or audit processes.'
export const GUIDE_BRANCHES =
  'Leverage branch protections and CI validation workflows for better deployment governance.'
export const GUIDE_REVIEW =
  'Encourage code review and protected branches in your SCM to limit the impact of elevated permissions.'
/** DESIGN §2: a deploy from a workflow is gated by a GitHub environment, as the SCM link by branch rules. */
export const GUIDE_DEPLOY =
  'A deploy from a workflow holds a Scalingo token: gate it with a GitHub environment (required reviewers, deployment branches) that keeps the secret, as the branch rules gate the SCM link.'
/** DESIGN: what happens when a platform cannot be read. */
export const NEVER_SILENT =
  'A platform that cannot be read still gives a report and fails the run: never a silent pass.'
