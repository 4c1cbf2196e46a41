import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createRedactor, maskEmail, maskName } from '../../src/report/redact.js'
import { makeFinding } from './factories.js'

const accounts = [
  { id: '1', username: 'alice', email: 'alice@example.com' },
  { id: '2', username: 'alice.smith', email: 'Alice.Smith@Corp.example' },
  { id: '3', username: 'al', email: null },
  { id: '4', username: 'x', email: null }
]

describe('createRedactor', () => {
  const r = createRedactor(accounts, true)

  it('masks known emails as first char + *** + @domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com')
    expect(r.text('owner alice@example.com lacks 2FA')).toBe('owner a***@example.com lacks 2FA')
  })

  it('matches emails case-insensitively and longer identifiers first', () => {
    expect(r.text('alice.smith@corp.example and alice.smith')).toBe('a***@corp.example and a***')
  })

  it('masks usernames of 2+ chars as whole tokens only', () => {
    expect(maskName('alice')).toBe('a***')
    expect(r.text('alice, al and x; deploy-all stays; totally fine')).toBe(
      'a***, a*** and x; deploy-all stays; totally fine'
    )
    expect(r.text('collaborator al.')).toBe('collaborator a***.')
  })

  it('masks any other email-looking string too', () => {
    expect(r.text('stranger zed.q+tag@other.example.org joined')).toBe(
      'stranger z***@other.example.org joined'
    )
  })

  it('redacts subject, message, fix and accepted reason of a finding', () => {
    const f = acceptedFinding()
    const out = r.finding(f)
    expect(out.subject).toBe('b***@example.com')
    expect(JSON.stringify(out)).not.toMatch(/bob@example\.com|alice@example\.com/)
    expect(out.accepted?.reason).toBe('a*** approved it')
    expect(out.rule).toBe(f.rule)
    expect(out.help).toBe(f.help)
  })

  it('works unbound, as findings.map(redactor.finding) calls it', () => {
    const [out] = [acceptedFinding()].map(r.finding)
    expect(out?.subject).toBe('b***@example.com')
  })

  it('is idempotent, so redacting twice changes nothing more', () => {
    const once = r.text('alice@example.com, alice, zed@x.example')
    expect(r.text(once)).toBe(once)
  })

  it('leaves no email of any shape behind', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string(), (email, noise) => {
        const out = createRedactor([], true).text(`${noise} <${email}> ${noise}`)
        expect(out).not.toContain(email)
      }),
      { numRuns: 300 }
    )
  })

  it('is the identity when disabled', () => {
    const off = createRedactor(accounts, false)
    const f = acceptedFinding()
    expect(off.enabled).toBe(false)
    expect(off.text('alice@example.com')).toBe('alice@example.com')
    expect(off.finding(f)).toBe(f)
  })
})

function acceptedFinding() {
  return makeFinding({
    subject: 'bob@example.com',
    message: 'bob@example.com (owner alice@example.com) has no 2FA.',
    accepted: { reason: 'alice approved it', until: '2030-01-01' }
  })
}
