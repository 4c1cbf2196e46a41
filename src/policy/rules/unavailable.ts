import type { Draft, Unavailable } from '../../types.js'
import type { Rule } from '../context.js'

function message(u: Unavailable): string {
  return `Could not read ${u.what}: ${u.reason}`
}

/** What to check, from the HTTP status in the reason when there is one. */
function scalingoFix(u: Unavailable): string {
  if (/\b401\b/.test(u.reason)) {
    return 'Check that scalingo-api-token holds a valid, unexpired Scalingo API token.'
  }
  if (/\b(403|404)\b/.test(u.reason)) {
    return (
      'Check the app name and its region in apps, and that the token account owns or ' +
      'collaborates on the app.'
    )
  }
  return 'Check the Scalingo token, the app names and regions, and scalingo-auth-url / scalingo-api-url; then rerun.'
}

function githubFix(u: Unavailable): string {
  if (/\b(401|403|404)\b/.test(u.reason)) {
    return (
      'Check the github-token and its permissions (Contents: read, Metadata: read, Actions: read; ' +
      'Administration: read for classic protection).'
    )
  }
  return 'Check the github-token, GITHUB_API_URL and the branch name; then rerun.'
}

export const scalingoUnavailable: Rule = (ctx) => {
  const { scalingo } = ctx.facts
  if (scalingo.status !== 'read') return []
  return scalingo.failures.map((u): Draft => ({
    rule: 'scalingo-unavailable',
    app: u.app,
    subject: null,
    message: message(u),
    fix: scalingoFix(u)
  }))
}

export const githubUnavailable: Rule = (ctx) => {
  const { github } = ctx.facts
  if (github.status !== 'read') return []
  return github.failures.map((u): Draft => ({
    rule: 'github-unavailable',
    app: u.app,
    subject: null,
    message: message(u),
    fix: githubFix(u)
  }))
}
