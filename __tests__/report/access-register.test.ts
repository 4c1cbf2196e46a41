import { describe, expect, it } from '@jest/globals'
import { parse } from 'csv-parse/sync'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeConfig } from '../../__fixtures__/config.js'
import {
  REGISTER_COLUMNS,
  registerBlocker,
  registerRows,
  renderRegister,
  writeAccessRegister
} from '../../src/report/access-register.js'
import type { Facts } from '../../src/types.js'
import {
  makeApp,
  makeCollaborator,
  makeGitHub,
  makeScalingo
} from '../../__fixtures__/report-data.js'

/** Parsed back as a spreadsheet would read it (RFC 4180, UTF-8 with its byte-order mark). */
function readBack(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][]
}

const staging = makeApp({
  name: 'my-app-staging',
  region: 'osc-secnum-fr1',
  owner: { id: 'u1', username: 'alice', email: 'alice@example.com' },
  collaborators: [
    makeCollaborator({ id: 'c4', username: 'élodie', email: 'élodie@exämple.com', tfa: null }),
    makeCollaborator({
      id: null,
      username: null,
      email: 'gone@example.com',
      status: 'user account deleted',
      tfa: null
    })
  ]
})
const facts: Facts = { scalingo: makeScalingo([makeApp(), staging]), github: makeGitHub() }
const config = makeConfig({
  apps: [
    { name: 'my-app', region: 'osc-fr1', apiUrl: 'https://api.osc-fr1.scalingo.com' },
    {
      name: 'my-app-staging',
      region: 'osc-secnum-fr1',
      apiUrl: 'https://api.osc-secnum-fr1.scalingo.com'
    }
  ],
  owners: ['alice@example.com'],
  serviceAccounts: ['alice'],
  leads: ['bob@example.com'],
  members: ['carol', 'Dan@Example.com'],
  accessReport: 'register.csv'
})

describe('access register', () => {
  it('parses back to one row per app and account, every column right', () => {
    const rows = readBack(renderRegister(registerRows(facts, config)))
    expect(rows[0]).toEqual([...REGISTER_COLUMNS])
    expect(rows.slice(1)).toEqual([
      [
        'my-app',
        'osc-fr1',
        'alice@example.com',
        'alice',
        'owner',
        'on',
        'owners; service-accounts',
        'yes'
      ],
      ['my-app', 'osc-fr1', 'bob@example.com', 'bob', 'collaborator', 'off', 'leads', 'no'],
      [
        'my-app',
        'osc-fr1',
        'carol@example.com',
        'carol',
        'limited collaborator',
        'on',
        'members',
        'no'
      ],
      ['my-app', 'osc-fr1', 'dan@example.com', 'dan', 'pending', 'unknown', 'members', 'no'],
      [
        'my-app-staging',
        'osc-secnum-fr1',
        'alice@example.com',
        'alice',
        'owner',
        'on',
        'owners; service-accounts',
        'yes'
      ],
      [
        'my-app-staging',
        'osc-secnum-fr1',
        'élodie@exämple.com',
        'élodie',
        'collaborator',
        'unknown',
        'none',
        'no'
      ],
      [
        'my-app-staging',
        'osc-secnum-fr1',
        'gone@example.com',
        '',
        'deleted',
        'unknown',
        'none',
        'no'
      ]
    ])
  })

  it("the owner's 2FA is unknown unless the token is the owner's", () => {
    const other = makeScalingo([makeApp()])
    const notOwner: Facts = {
      scalingo:
        other.status === 'read'
          ? {
              ...other,
              token: {
                account: { id: 'u9', username: 'bot', email: 'bot@example.com' },
                tfaEnabled: true,
                reachableApps: [{ region: 'osc-fr1', name: 'my-app' }],
                reviewApps: 0
              }
            }
          : other,
      github: makeGitHub()
    }
    const [owner] = registerRows(notOwner, config)
    expect(owner).toMatchObject({ role: 'owner', tfa: 'unknown', tokenAccount: 'no' })
  })

  it('is RFC 4180: CRLF records, a BOM, quotes around commas, quotes and line breaks', () => {
    const hostile = makeApp({
      name: 'my-app',
      collaborators: [makeCollaborator({ username: 'a,"b"\nc', email: 'x@example.com' })]
    })
    const csv = renderRegister(
      registerRows({ scalingo: makeScalingo([hostile]), github: makeGitHub() }, config)
    )
    expect(
      csv.startsWith('\ufeffapp,region,account,username,role,2fa,listed as,token account\r\n')
    ).toBe(true)
    expect(csv).toContain('"a,""b""\nc"')
    expect(readBack(csv)[2]?.[3]).toBe('a,"b"\nc')
  })

  it.each(['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises a cell starting like a formula: %j',
    (value) => {
      const hostile = makeApp({
        collaborators: [makeCollaborator({ username: value, email: null, id: 'c9' })]
      })
      const rows = readBack(
        renderRegister(
          registerRows({ scalingo: makeScalingo([hostile]), github: makeGitHub() }, config)
        )
      )
      const cells = rows[2] ?? []
      // account and username both hold the value: each starts with ' so no formula runs.
      expect(cells[2]).toBe(`'${value}`)
      expect(cells[3]).toBe(`'${value}`)
    }
  )

  it('writes UTF-8 at a path relative to the workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'register-'))
    try {
      const path = writeAccessRegister(dir, 'reviews/register.csv', registerRows(facts, config))
      expect(path).toBe(join(dir, 'reviews', 'register.csv'))
      expect(readBack(readFileSync(path, 'utf8'))).toHaveLength(8)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('written on a trusted, complete read only', () => {
    it('may be written when every app and the token account were read', () => {
      expect(registerBlocker(facts, config)).toBeNull()
    })

    it('never on a pull request from a fork', () => {
      expect(registerBlocker(facts, { ...config, forkPullRequest: true })).toMatch(/fork/)
    })

    it('never when Scalingo was skipped', () => {
      const skipped: Facts = {
        scalingo: { status: 'skipped', reason: 'no token' },
        github: makeGitHub()
      }
      expect(registerBlocker(skipped, config)).toMatch(/Scalingo was not read/)
    })

    it('never when an audited app or the token account could not be read', () => {
      const partial: Facts = { scalingo: makeScalingo([makeApp()]), github: makeGitHub() }
      expect(registerBlocker(partial, config)).toMatch(/my-app-staging could not be read/)
      const s = makeScalingo([makeApp(), staging])
      const noToken: Facts = {
        scalingo: s.status === 'read' ? { ...s, token: null } : s,
        github: makeGitHub()
      }
      expect(registerBlocker(noToken, config)).toMatch(/token's account/)
    })
  })
})
