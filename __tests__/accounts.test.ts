import { describe, expect, it } from '@jest/globals'
import { entryAccount, sameAccount } from '../src/accounts.js'
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

  it('else by any identity both know: the same email or the same username (#13)', () => {
    expect(
      sameAccount(account(null, 'Ops@Acme.test', 'x'), account('u-1', 'ops@acme.test', 'y'))
    ).toBe(true)
    // An invitation's email may differ from the account's; its username is the account's.
    expect(
      sameAccount(account(null, 'a@acme.test', 'ops'), account(null, 'b@acme.test', 'ops'))
    ).toBe(true)
    expect(
      sameAccount(account(null, 'a@acme.test', 'ops'), account(null, 'b@acme.test', 'dev'))
    ).toBe(false)
    // Ids decide when both have one.
    expect(
      sameAccount(account('u-1', 'a@acme.test', 'ops'), account('u-2', 'a@acme.test', 'ops'))
    ).toBe(false)
  })

  it('an entry given as a username or an email names the account', () => {
    const alice = account('u-1', 'alice@acme.test', 'alice')
    expect(sameAccount(entryAccount('Alice'), alice)).toBe(true)
    expect(sameAccount(entryAccount('ALICE@acme.test'), alice)).toBe(true)
    expect(sameAccount(entryAccount('bob'), alice)).toBe(false)
  })

  it('else by username, case-insensitively; nothing in common is never the same', () => {
    expect(sameAccount(account(null, null, 'Ops-Bot'), account(null, 'o@x.test', 'ops-bot'))).toBe(
      true
    )
    expect(sameAccount(account(null, null, null), account(null, null, null))).toBe(false)
    expect(sameAccount(account('u-1', null, null), account(null, 'o@x.test', null))).toBe(false)
  })
})
