// Workspace run tasks (associations): associate, list, show, update, delete, and their rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { associationBody, type Doc, JSON_API, pointers, useTarget } from './helpers.ts';

const fixture = useTarget();
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const STAGES = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];

/** A fresh task and workspace, so each test owns its association state. */
async function pair(): Promise<{ task: Doc; workspace: Doc }> {
  return { task: await fixture.api.createTask(fixture.org), workspace: await fixture.api.createWorkspace(fixture.org) };
}

describe('associate', () => {
  it('201 with the whole workspace-task document; stages default to post_plan', async () => {
    const { task, workspace } = await pair();
    const reply = await fixture.api.post(`/workspaces/${workspace.id}/tasks`, associationBody(task.id));
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    const data = reply.body.data;
    expect(data).toEqual({
      id: expect.stringMatching(/^wstask-[A-Za-z0-9]{16}$/),
      type: 'workspace-tasks',
      attributes: {
        'enforcement-level': 'advisory',
        'stage': 'post_plan',
        'stages': ['post_plan'],
        'created-at': expect.stringMatching(ISO),
        'updated-at': expect.stringMatching(ISO),
      },
      relationships: {
        task: { data: { id: task.id, type: 'tasks' } },
        workspace: { data: { id: workspace.id, type: 'workspaces' } },
      },
      links: { self: `/api/v2/workspaces/${workspace.id}/tasks/${data.id}` },
    });
  });

  it('keeps the order of stages; stage is the first of them', async () => {
    const { task, workspace } = await pair();
    const data = await fixture.api.associate(workspace.id, task.id, {
      'enforcement-level': 'mandatory',
      'stages': ['post_apply', 'pre_plan'],
    });
    expect(data.attributes).toMatchObject({
      'enforcement-level': 'mandatory',
      'stage': 'post_apply',
      'stages': ['post_apply', 'pre_plan'],
    });
  });

  it.each(STAGES)('the deprecated stage %s alone means stages [%s]', async (stage) => {
    const { task, workspace } = await pair();
    const data = await fixture.api.associate(workspace.id, task.id, { 'enforcement-level': 'advisory', stage });
    expect(data.attributes).toMatchObject({ stage, stages: [stage] });
  });

  it('stages wins over the deprecated stage', async () => {
    const { task, workspace } = await pair();
    const data = await fixture.api.associate(workspace.id, task.id, {
      'enforcement-level': 'advisory',
      'stage': 'pre_plan',
      'stages': ['pre_apply'],
    });
    expect(data.attributes).toMatchObject({ stage: 'pre_apply', stages: ['pre_apply'] });
  });

  it('shows up in the task relationships', async () => {
    const { task, workspace } = await pair();
    const association = await fixture.api.associate(workspace.id, task.id);
    const shown = await fixture.api.get(`/tasks/${task.id}`);
    expect(shown.body.data.relationships['workspace-tasks'].data).toEqual([{ id: association.id, type: 'workspace-tasks' }]);
  });

  const A = '/data/attributes';
  const T = '/data/relationships/task/data';
  const REFUSALS: [string, string, (body: Doc) => void][] = [
    ['type missing', '/data/type', (b) => delete b.data.type],
    ['type "tasks"', '/data/type', (b) => (b.data.type = 'tasks')],
    ['enforcement-level missing', `${A}/enforcement-level`, (b) => delete b.data.attributes['enforcement-level']],
    ['enforcement-level unknown', `${A}/enforcement-level`, (b) => (b.data.attributes['enforcement-level'] = 'strict')],
    ['stages empty', `${A}/stages`, (b) => (b.data.attributes.stages = [])],
    ['stages unknown value', `${A}/stages`, (b) => (b.data.attributes.stages = ['plan'])],
    ['stages repeated', `${A}/stages`, (b) => (b.data.attributes.stages = ['post_plan', 'post_plan'])],
    ['stages a string', `${A}/stages`, (b) => (b.data.attributes.stages = 'post_plan')],
    ['stage unknown value', `${A}/stage`, (b) => (b.data.attributes.stage = 'post-plan')],
    ['relationships missing', T, (b) => delete b.data.relationships],
    ['task data missing', T, (b) => (b.data.relationships.task = {})],
    ['task data null', T, (b) => (b.data.relationships.task.data = null)],
    ['task data typed workspaces', T, (b) => (b.data.relationships.task.data.type = 'workspaces')],
    ['task data without type', T, (b) => delete b.data.relationships.task.data.type],
    ['task data without id', T, (b) => delete b.data.relationships.task.data.id],
    ['task data id a number', T, (b) => (b.data.relationships.task.data.id = 5)],
  ];

  it.each(REFUSALS)('%s -> 422 at %s, nothing associated', async (_label, pointer, mutate) => {
    const { task, workspace } = await pair();
    const body = associationBody(task.id);
    mutate(body);
    const reply = await fixture.api.post(`/workspaces/${workspace.id}/tasks`, body);
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ status: '422', title: 'invalid attribute' });
    expect(pointers(reply.body)).toContain(pointer);
    expect((await fixture.api.get(`/workspaces/${workspace.id}/tasks`)).body.data).toEqual([]);
  });

  it('an unknown task -> 404', async () => {
    const { workspace } = await pair();
    const reply = await fixture.api.post(`/workspaces/${workspace.id}/tasks`, associationBody('task-AAAAAAAAAAAAAAAA'));
    expect(reply.status).toBe(404);
  });

  it('a task of another organization -> 404, as an absent one (existence is hidden)', async () => {
    const { workspace } = await pair();
    const reply = await fixture.api.post(`/workspaces/${workspace.id}/tasks`, associationBody(fixture.target.seeds.foreignTaskId));
    expect(reply.status).toBe(404);
  });

  it('the same task twice on one workspace -> 422', async () => {
    const { task, workspace } = await pair();
    await fixture.api.associate(workspace.id, task.id);
    const reply = await fixture.api.post(
      `/workspaces/${workspace.id}/tasks`,
      associationBody(task.id, { 'enforcement-level': 'mandatory' }),
    );
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data/relationships/task']);
    expect((await fixture.api.get(`/workspaces/${workspace.id}/tasks`)).body.data).toHaveLength(1);
  });

  it('an unknown workspace -> 404', async () => {
    const { task } = await pair();
    expect((await fixture.api.post('/workspaces/ws-AAAAAAAAAAAAAAAA/tasks', associationBody(task.id))).status).toBe(404);
  });
});

describe('list, show, reachability', () => {
  let task: Doc;
  let workspace: Doc;
  let other: Doc;
  let association: Doc;

  beforeAll(async () => {
    ({ task, workspace } = await pair());
    other = await fixture.api.createWorkspace(fixture.org);
    association = await fixture.api.associate(workspace.id, task.id);
  });

  it('lists the associations of the workspace with pagination meta', async () => {
    const reply = await fixture.api.get(`/workspaces/${workspace.id}/tasks`);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual([association]);
    expect(reply.body.meta.pagination).toMatchObject({ 'current-page': 1, 'total-count': 1, 'total-pages': 1 });
  });

  it('shows one association', async () => {
    const reply = await fixture.api.get(`/workspaces/${workspace.id}/tasks/${association.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: association });
  });

  it.each([
    ['GET', undefined],
    ['PATCH', { data: { type: 'workspace-tasks', attributes: { 'enforcement-level': 'mandatory' } } }],
    ['DELETE', undefined],
  ])('%s through another workspace -> 404', async (method, body) => {
    const reply = await fixture.api.request(method, `/workspaces/${other.id}/tasks/${association.id}`, { body });
    expect(reply.status).toBe(404);
    expect((await fixture.api.get(`/workspaces/${workspace.id}/tasks/${association.id}`)).body.data).toEqual(association);
  });

  it('a task id is not a workspace-task id', async () => {
    expect((await fixture.api.get(`/workspaces/${workspace.id}/tasks/${task.id}`)).status).toBe(404);
  });
});

describe('update', () => {
  async function associated(): Promise<{ workspace: Doc; association: Doc }> {
    const { task, workspace } = await pair();
    const association = await fixture.api.associate(workspace.id, task.id, {
      'enforcement-level': 'advisory',
      'stages': ['pre_plan', 'post_plan'],
    });
    return { workspace, association };
  }

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'enforcement-level alone keeps the stages',
      { 'enforcement-level': 'mandatory' },
      { 'enforcement-level': 'mandatory', 'stage': 'pre_plan', 'stages': ['pre_plan', 'post_plan'] },
    ],
    [
      'stages alone keep the level',
      { stages: ['post_apply'] },
      { 'enforcement-level': 'advisory', 'stage': 'post_apply', 'stages': ['post_apply'] },
    ],
    ['nothing keeps everything', {}, { 'enforcement-level': 'advisory', 'stage': 'pre_plan', 'stages': ['pre_plan', 'post_plan'] }],
    ...STAGES.map((stage): [string, Record<string, unknown>, Record<string, unknown>] => [
      `the deprecated stage ${stage} alone`,
      { stage },
      { stage, stages: [stage] },
    ]),
  ])('%s', async (_label, attributes, expected) => {
    const { workspace, association } = await associated();
    const path = `/workspaces/${workspace.id}/tasks/${association.id}`;
    const reply = await fixture.api.patch(path, { data: { type: 'workspace-tasks', attributes } });
    expect(reply.status).toBe(200);
    expect(reply.body.data.attributes).toMatchObject(expected);
    expect((await fixture.api.get(path)).body.data.attributes).toMatchObject(expected);
  });

  it('accepts a body without data.type', async () => {
    const { workspace, association } = await associated();
    const reply = await fixture.api.patch(`/workspaces/${workspace.id}/tasks/${association.id}`, {
      data: { attributes: { 'enforcement-level': 'mandatory' } },
    });
    expect(reply.status).toBe(200);
  });

  it.each<[string, string, Doc]>([
    ['type "tasks"', '/data/type', { type: 'tasks', attributes: {} }],
    ['enforcement-level unknown', '/data/attributes/enforcement-level', { attributes: { 'enforcement-level': 'hard' } }],
    ['stages empty', '/data/attributes/stages', { attributes: { stages: [] } }],
    ['stages repeated', '/data/attributes/stages', { attributes: { stages: ['pre_plan', 'pre_plan'] } }],
    ['stage unknown', '/data/attributes/stage', { attributes: { stage: 'apply' } }],
  ])('%s -> 422 at %s, nothing changed', async (_label, pointer, data) => {
    const { workspace, association } = await associated();
    const path = `/workspaces/${workspace.id}/tasks/${association.id}`;
    const reply = await fixture.api.patch(path, { data });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual([pointer]);
    expect((await fixture.api.get(path)).body.data).toEqual(association);
  });
});

describe('delete', () => {
  it('204 with no body, then 404; the task itself stays', async () => {
    const { task, workspace } = await pair();
    const association = await fixture.api.associate(workspace.id, task.id);
    const path = `/workspaces/${workspace.id}/tasks/${association.id}`;
    const reply = await fixture.api.delete(path);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await fixture.api.get(path)).status).toBe(404);
    expect((await fixture.api.delete(path)).status).toBe(404);
    const shown = await fixture.api.get(`/tasks/${task.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.data.relationships['workspace-tasks'].data).toEqual([]);
  });

  it('an unknown workspace -> 404', async () => {
    expect((await fixture.api.delete('/workspaces/does-not-exist/tasks/wstask-AAAAAAAAAAAAAAAA')).status).toBe(404);
  });
});
