import { describe, expect, it } from '@jest/globals'
import { accessChanges, type AppEvent } from '../../src/access/changes.js'

/*
 * type_data as Scalingo's developers documentation shows it (events.md @ 1a450bf1): the
 * delete_collaborator, link_scm, update_scm, unlink_scm and create_review_app examples are
 * valid JSON and copied as they are; new_collaborator and change_collaborator_role carry a
 * trailing comma there (removed here), and their `is_limited` is typed "string" in the tables.
 */

const john = {
  id: 'us-0e6d8e46-5cd0-42a4-acba-372b2be605ac',
  username: 'johndoe',
  email: 'john@doe.com'
}

const ev = (type: string, typeData: unknown, at = '2020-09-22T09:00:00.000Z'): AppEvent => ({
  at,
  user: john,
  type,
  typeData
})

const scm = {
  repo_name: 'johndoe/sample-go-martini',
  linker_username: 'johndoe',
  source: 'https://github.com/johndoe/sample-go-martini',
  branch: 'main',
  auto_deploy: true,
  auto_deploy_review_apps: true,
  delete_on_close: true,
  delete_stale: true,
  hours_before_delete_on_close: 5,
  hours_before_delete_stale: 0,
  creation_from_forks_allowed: false
}

const reviewApp = (fromFork: boolean): unknown => ({
  review_app_name: 'sample-go-martini-pr2',
  review_app_url: 'https://dashboard.scalingo.com/sample-go-martini-pr2',
  source_repo_name: 'johndoe/sample-go-martini',
  source_repo_url: 'https://github.com/johndoe/sample-go-martini',
  pr_name: 'Update the name',
  pr_number: 3,
  pr_url: 'https://github.com/johndoe/sample-go-martini/pull/3',
  pr_comes_from_a_fork: fromFork
})

describe('accessChanges', () => {
  it('describes each documented access event with who, what and the account or repository', () => {
    const changes = accessChanges('appname', [
      ev(
        'new_collaborator',
        { collaborator: { email: 'test@example.com', is_limited: false } },
        '2020-09-22T09:08:00.000Z'
      ),
      ev(
        'accept_collaborator',
        {
          collaborator: {
            id: '51e6bc626edfe40bbb000001',
            email: 'test@example.com',
            username: 'text-example',
            inviter: { email: 'john@doe.com', username: 'johndoe' },
            is_limited: false
          }
        },
        '2020-09-22T09:07:00.000Z'
      ),
      ev(
        'change_collaborator_role',
        {
          collaborator: {
            id: '51e6bc626edfe40bbb000002',
            username: 'test-example',
            email: 'test@example.com',
            is_limited: true
          }
        },
        '2020-09-22T09:06:00.000Z'
      ),
      ev(
        'delete_collaborator',
        {
          collaborator: {
            id: '51e6bc626edfe40bbb000002',
            username: 'test-example',
            email: 'test@example.com'
          }
        },
        '2020-09-22T09:05:00.000Z'
      ),
      ev('link_scm', scm, '2020-09-22T09:04:00.000Z'),
      ev('update_scm', { ...scm, creation_from_forks_allowed: true }, '2020-09-22T09:03:00.000Z'),
      ev(
        'unlink_scm',
        {
          repo_name: 'johndoe/sample-go-martini',
          linker_username: 'johndoe',
          source: 'https://github.com/johndoe/sample-go-martini'
        },
        '2020-09-22T09:02:00.000Z'
      ),
      ev('create_review_app', reviewApp(true), '2020-09-22T09:01:00.000Z')
    ])
    expect(changes.map((c) => [c.what, c.subject])).toEqual([
      ['collaborator invited as Collaborator', 'test@example.com'],
      ['invitation accepted', 'test@example.com'],
      ['role changed to Limited Collaborator', 'test@example.com'],
      ['collaborator removed', 'test@example.com'],
      [
        'SCM link created (branch main, auto-deploy on, review apps on)',
        'johndoe/sample-go-martini'
      ],
      [
        'SCM link changed (branch main, auto-deploy on, review apps on, review apps from forks allowed)',
        'johndoe/sample-go-martini'
      ],
      ['SCM link removed', 'johndoe/sample-go-martini'],
      [
        'review app sample-go-martini-pr2 created from a fork for pull request #3',
        'johndoe/sample-go-martini'
      ]
    ])
    expect(new Set(changes.map((c) => c.actor))).toEqual(new Set(['john@doe.com']))
    expect(new Set(changes.map((c) => c.app))).toEqual(new Set(['appname']))
  })

  it('leaves out review apps from the repository itself and events that are not about access', () => {
    const changes = accessChanges('appname', [
      ev('create_review_app', reviewApp(false)),
      ev('run', { command: 'rake db:migrate' }),
      ev('deployment', {
        deployment_id: '5343eccd646aa3012a140230',
        pusher: 'johndoe',
        git_ref: '0123456789abcdef',
        status: 'success',
        duration: 40
      })
    ])
    expect(changes).toEqual([])
  })

  it('sorts newest first whatever order the events came in, and keeps an event with no type_data', () => {
    const changes = accessChanges('appname', [
      ev('unlink_scm', null, '2020-09-20T00:00:00.000Z'),
      ev('delete_collaborator', {}, '2020-09-22T00:00:00.000Z')
    ])
    expect(changes).toEqual([
      {
        app: 'appname',
        at: '2020-09-22T00:00:00.000Z',
        actor: 'john@doe.com',
        what: 'collaborator removed',
        subject: null
      },
      {
        app: 'appname',
        at: '2020-09-20T00:00:00.000Z',
        actor: 'john@doe.com',
        what: 'SCM link removed',
        subject: null
      }
    ])
  })
})
