import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_API_KEY, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';

let gw: TestGateway;
let admin: Member;
let member: Member;
beforeAll(async () => {
  gw = await startTestGateway();
  const { body } = await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token user { id: databaseId } } }`);
  admin = { id: body.data.login.user.id, token: body.data.login.token };
  member = await gw.member('pkgmember');
});
afterAll(() => gw.close());

/** A package's global id. */
const P = (id: number) => toGlobalId('Package', id);
const FIELDS = 'id: databaseId name moduleIds price validity deleted visible highlight';
const create = (who: Member, input: Record<string, unknown>) => gw.gql(`mutation($i: CreatePackageInput!) { createPackage(input: $i) { ${FIELDS} } }`, { i: input }, who.token);
const update = (who: Member, id: number, input: Record<string, unknown>) =>
  gw.gql(`mutation($i: UpdatePackageInput!) { updatePackage(input: $i) { ${FIELDS} } }`, { i: { packageId: P(id), ...input } }, who.token);
const remove = (who: Member, id: number) => gw.gql('mutation($id: ID!) { deletePackage(packageId: $id) }', { id: P(id) }, who.token);
const legacyPackages = async () => (await gw.http('GET', `/api/get_all_packages?api_key=${ADMIN_API_KEY}`)).body.packages;

test('an admin creates a package with defaults; get_all_packages shows it with every value a string', async () => {
  const created = ok(await create(admin, { name: 'Starter', moduleIds: [251, 80, 251], price: '19.99', validity: 30 })).createPackage;
  expect(created).toEqual({ id: expect.any(Number), name: 'Starter', moduleIds: [251, 80], price: '19.99', validity: 30, deleted: false, visible: true, highlight: false });
  expect(await legacyPackages()).toContainEqual({
    id: String(created.id),
    package_name: 'Starter',
    module_ids: '251,80',
    price: '19.99',
    validity: '30',
    deleted: '0',
    visible: '1',
    highlight: '0',
  });
});

test('updatePackage changes only the given fields', async () => {
  const { id } = ok(await create(admin, { name: 'Growth', moduleIds: [1, 2], price: '49', validity: 90 })).createPackage;
  const updated = ok(await update(admin, id, { price: '59.50', highlight: true, moduleIds: [3] })).updatePackage;
  expect(updated).toEqual({ id, name: 'Growth', moduleIds: [3], price: '59.50', validity: 90, deleted: false, visible: true, highlight: true });
  expect(ok(await gw.gql('{ packages { id: databaseId price } }', {}, member.token)).packages).toContainEqual({ id, price: '59.50' });
});

test('deletePackage soft-deletes: the row stays, packages and get_all_packages leave it out; deleting or updating it again is NOT_FOUND', async () => {
  const { id } = ok(await create(admin, { name: 'Doomed', price: '1' })).createPackage;
  const rows = await gw.count('packages');
  expect(ok(await remove(admin, id)).deletePackage).toBe(P(id));
  expect(await gw.count('packages')).toBe(rows);
  expect((await gw.app.database.db.selectFrom('packages').select('deleted').where('id', '=', id).executeTakeFirstOrThrow()).deleted).toBe(1);
  expect(ok(await gw.gql('{ packages { id: databaseId } }', {}, admin.token)).packages).not.toContainEqual({ id });
  expect((await legacyPackages()).map((p: { id: string }) => p.id)).not.toContain(String(id));
  expect(code(await remove(admin, id))).toBe('NOT_FOUND');
  expect(code(await update(admin, id, { name: 'Back' }))).toBe('NOT_FOUND');
  expect(code(await remove(admin, 999999))).toBe('NOT_FOUND');
});

test('members and anonymous callers may not change packages; nothing is written', async () => {
  const { id } = ok(await create(admin, { name: 'Guarded' })).createPackage;
  const rows = await gw.count('packages');
  expect(code(await create(member, { name: 'Mine' }))).toBe('FORBIDDEN');
  expect(code(await update(member, id, { name: 'Mine' }))).toBe('FORBIDDEN');
  expect(code(await remove(member, id))).toBe('FORBIDDEN');
  expect(code(await gw.gql('mutation { createPackage(input: { name: "Anon" }) { id: databaseId } }'))).toBe('UNAUTHENTICATED');
  expect(await gw.count('packages')).toBe(rows);
  expect(ok(await gw.gql('{ packages { id: databaseId name } }', {}, admin.token)).packages).toContainEqual({ id, name: 'Guarded' });
});

test('a blank or long name, a bad price, a negative validity or a bad module id is BAD_USER_INPUT and writes nothing', async () => {
  const rows = await gw.count('packages');
  for (const input of [
    { name: '' },
    { name: '   ' },
    { name: 'x'.repeat(101) },
    { name: 'P', price: '12.345' },
    { name: 'P', price: 'free' },
    { name: 'P', validity: -1 },
    { name: 'P', moduleIds: [0] },
  ]) {
    expect([input, code(await create(admin, input))]).toEqual([input, 'BAD_USER_INPUT']);
  }
  const { id } = ok(await create(admin, { name: 'Stable', price: '5' })).createPackage;
  expect(code(await update(admin, id, { price: '-5' }))).toBe('BAD_USER_INPUT');
  expect(code(await update(admin, id, { name: ' ' }))).toBe('BAD_USER_INPUT');
  expect(await gw.count('packages')).toBe(rows + 1);
  expect(ok(await gw.gql('{ packages { id: databaseId name price } }', {}, admin.token)).packages).toContainEqual({ id, name: 'Stable', price: '5' });
});

test('at most 100 packages are live at once: the 101st is CONFLICT until one is deleted', async () => {
  const live = ok(await gw.gql('{ packages { id: databaseId } }', {}, admin.token)).packages.length;
  const ids: number[] = [];
  for (let i = live; i < 100; i++) ids.push(ok(await create(admin, { name: `Filler ${i}` })).createPackage.id);
  const rows = await gw.count('packages');
  expect(code(await create(admin, { name: 'One too many' }))).toBe('CONFLICT');
  expect(await gw.count('packages')).toBe(rows);
  ok(await remove(admin, ids[0]));
  expect(ok(await create(admin, { name: 'Room again' })).createPackage.name).toBe('Room again');
});
