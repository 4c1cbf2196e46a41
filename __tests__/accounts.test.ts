import { describe, expect, it } from '@jest/globals'
import { sameAccount } from '../src/accounts.js'
import type { Account } from '../src/types.js'

const account = (id: string | null, email: string | null, username: string | null): Account => ({
  id,
  email,
  username
})

describe('sameAccount', () => {
  it('decides by id when both have one, whatever the rest says', () => {
    expect(sameAccount(account('u-1', 'a@x.test', 'a'), account('u-1', 'b@x.test', 'b'))).toBe(true)
    expect(sameAccount(account('u-1', 'a@x.test', 'a'), account('u-2', 'a@x.test', 'a'))).toBe(
      false
    )
  })

  it('else by email, case-insensitively, without falling through to the username', () => {
    expect(
      sameAccount(account(null, 'Ops@Acme.test', 'x'), account('u-1', 'ops@acme.test', 'y'))
    ).toBe(true)
    expect(
      sameAccount(account(null, 'a@acme.test', 'ops'), account(null, 'b@acme.test', 'ops'))
    ).toBe(false)
  })

  it('else by username, case-insensitively; nothing in common is never the same', () => {
    expect(sameAccount(account(null, null, 'Ops-Bot'), account(null, 'o@x.test', 'ops-bot'))).toBe(
      true
    )
    expect(sameAccount(account(null, null, null), account(null, null, null))).toBe(false)
    expect(sameAccount(account('u-1', null, null), account(null, 'o@x.test', null))).toBe(false)
  })
})
