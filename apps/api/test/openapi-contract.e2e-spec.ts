import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import Ajv2020 from 'ajv/dist/2020';
import ts from 'typescript';

import { createValidationPipe } from '../src/common/validation/validation.pipe';
import { loadContracts } from '../src/modules/api-docs/openapi-contracts';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed OpenAPI document, walked generically
type Json = Record<string, any>;

/** swagger-parser and openapi-typescript are ESM-only: they run in a plain Node process, as in a client's own CI. */
function runNode(script: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
  });
}
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(doc: Json): Array<{ path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path: p, method, op: item[method] as Json })),
  );
}

/** The schema a `$ref` names, inside the document. */
function resolve(doc: Json, schema: Json): Json {
  return schema?.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()]) : schema;
}

/** A request body built from the examples of a DTO's properties (nested DTOs and arrays of them included). */
function exampleOf(doc: Json, schema: Json): unknown {
  if (schema.example !== undefined) return schema.example;
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.type === 'array' && s.items) {
    const item = exampleOf(doc, s.items);
    return item === undefined ? undefined : [item];
  }
  if (!s.properties) return undefined;
  const body: Json = {};
  for (const [name, prop] of Object.entries(s.properties as Json)) {
    const value = exampleOf(doc, prop as Json);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/** Every schema (with where it sits) that carries an `example`. */
function examples(node: unknown, where: string, out: Array<{ where: string; schema: Json }> = []) {
  if (Array.isArray(node)) node.forEach((n, i) => examples(n, `${where}/${i}`, out));
  else if (node && typeof node === 'object') {
    const obj = node as Json;
    if ('example' in obj && (obj.type || obj.$ref || obj.properties || obj.items || obj.enum))
      out.push({ where, schema: obj });
    for (const [key, value] of Object.entries(obj))
      if (key !== 'example') examples(value, `${where}/${key}`, out);
  }
  return out;
}

/**
 * The OpenAPI description is the contract other systems generate clients from (issue 12): every operation describes
 * its answer from @pacer/shared, the document is valid, its examples are right, and a generated client type-checks
 * against the shared contract types.
 */
describe('OpenAPI document as a contract (e2e)', () => {
  let t: TestApp;
  let doc: Json;
  let units: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp({ apiDocs: 'public' });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Json;
  });
  afterAll(() => t.close());

  it('should be a valid OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const script =
        "import SwaggerParser from '@apidevtools/swagger-parser';" +
        'const api = await SwaggerParser.validate(process.argv[1]); console.log(api.openapi, Object.keys(api.paths).length);';
      const out = runNode(script, file);
      expect(out.trim()).toBe(`3.1.0 ${Object.keys(doc.paths).length}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should describe a 2xx answer of every operation: a schema, a file media type, or no body', () => {
    const undescribed: string[] = [];
    for (const { path: p, method, op } of operations(doc)) {
      const success = Object.entries(op.responses as Json).filter(([status]) => /^2\d\d$/.test(status));
      const described = success.some(([status, response]) => {
        if (status === '204') return !response.content;
        return Object.entries((response.content ?? {}) as Json).some(
          ([type, media]) =>
            (type === 'application/json' && (media.schema?.$ref || media.schema?.type)) ||
            (type !== 'application/json' && media.schema?.format === 'binary'),
        );
      });
      if (!described) undescribed.push(`${method.toUpperCase()} ${p}`);
    }
    expect(operations(doc).length).toBeGreaterThan(80);
    expect(undescribed).toEqual([]);
  });

  it('should take the answers from the shared contracts and the errors from the shared error body', () => {
    const answer = (p: string, method: string, status: string) =>
      doc.paths[p][method].responses[status].content['application/json'].schema;
    expect(answer('/api/v1/auth/login', 'post', '200')).toEqual({ $ref: '#/components/schemas/LoginResult' });
    expect(answer('/api/v1/plans/{id}/ranking', 'get', '200')).toEqual({
      $ref: '#/components/schemas/RankingResponse',
    });
    expect(answer('/api/v1/projects', 'get', '200')).toEqual({
      $ref: '#/components/schemas/Page_ProjectRow',
    });
    expect(answer('/api/v1/users', 'get', '200')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/UserRow' },
    });
    expect(doc.paths['/api/v1/exports/ranking.xlsx'].get.responses['200'].content).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    });
    expect(doc.paths['/api/v1/auth/logout'].post.responses['204'].content).toBeUndefined();
    // the shared ApiErrorBody, with its JSDoc as descriptions
    expect(doc.components.schemas.ApiErrorBody.required).toEqual([
      'code',
      'message',
      'messageEn',
      'requestId',
    ]);
    for (const { path: p, method, op } of operations(doc)) {
      if (p.startsWith('/api/health')) continue;
      for (const status of ['400', '401', ...(method === 'get' ? [] : ['409', '422'])]) {
        expect({
          op: `${method} ${p} ${status}`,
          schema: op.responses[status]?.content?.['application/json']?.schema,
        }).toEqual({
          op: `${method} ${p} ${status}`,
          schema: { $ref: '#/components/schemas/ApiErrorBody' },
        });
      }
    }
  });

  it('should hold only examples that match their schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components } as never);
    const wrong: string[] = [];
    const found = examples(doc.paths, '#/paths').concat(examples(doc.components, '#/components'));
    for (const { where, schema } of found) {
      // OpenAPI 3.0 style `nullable` (Nest's DTO schemas) allows null as well
      const { example, nullable, ...rest } = schema;
      const checked = JSON.parse(
        JSON.stringify(rest).replaceAll('"#/components/', '"doc#/components/'),
      ) as Json;
      const validate = ajv.compile(nullable ? { anyOf: [checked, { type: 'null' }] } : checked);
      if (!validate(example)) wrong.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(found.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it("should accept every request body example in the API's own validation", async () => {
    // the DTO class of each operation's body, from Nest's route metadata (wherever the controller lives)
    const dtos = new Map<string, new () => unknown>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...a: never[]) => unknown) | null;
        if (!type?.prototype) continue;
        for (const method of Object.getOwnPropertyNames(type.prototype)) {
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, method) ?? {}) as Record<
            string,
            { index: number }
          >;
          const params = (Reflect.getMetadata('design:paramtypes', type.prototype, method) ?? []) as Array<
            new () => unknown
          >;
          for (const [key, arg] of Object.entries(args)) {
            if (Number(key.split(':')[0]) !== RouteParamtypes.BODY) continue;
            const dto = params[arg.index];
            if (dto && dto !== Object && dto !== Array) dtos.set(`${type.name}_${method}`, dto);
          }
        }
      }
    }
    const pipe = createValidationPipe();
    const refused: string[] = [];
    let checked = 0;
    for (const { path: p, method, op } of operations(doc)) {
      const schema = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
      const dto = dtos.get(op.operationId);
      if (!schema || !dto) continue;
      const body = exampleOf(doc, schema);
      if (body === undefined || (typeof body === 'object' && Object.keys(body as Json).length === 0))
        continue;
      if (Array.isArray(body)) continue; // PUT targets: an array, checked item by item by its own pipe (targets e2e)
      checked += 1;
      try {
        await pipe.transform(body, { type: 'body', metatype: dto, data: undefined });
      } catch (error) {
        const details = (error as { getResponse?: () => unknown }).getResponse?.();
        refused.push(`${method.toUpperCase()} ${p}: ${JSON.stringify(details ?? String(error))}`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(refused).toEqual([]);
  });

  it('should create a plan from the documented example of POST /plans, its scoring configuration included', async () => {
    // issue 16 point 14: the example's bonus item had the old shape and the API refused it
    const example = exampleOf(
      doc,
      doc.paths['/api/v1/plans'].post.requestBody.content['application/json'].schema,
    ) as Json;
    expect(example.scoring.items.map((i: Json) => i.method)).toEqual(
      expect.arrayContaining(['completion', 'bonus']),
    );
    const res = await t.http
      .post('/api/v1/plans')
      .set('Authorization', await bearer(t.http, 'admin'))
      .send({ ...example, rootUnitId: units.XIAN });
    expect({ status: res.status, body: res.status === 201 ? 'created' : res.body }).toEqual({
      status: 201,
      body: 'created',
    });
    expect(res.body.scoring).toEqual(example.scoring);
  });

  it('should generate a TypeScript client that type-checks against @pacer/shared', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-client-'));
    try {
      fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc));
      runNode(
        "import fs from 'node:fs'; import openapiTS, { astToString } from 'openapi-typescript';" +
          'const [from, to] = process.argv.slice(1);' +
          "fs.writeFileSync(to, astToString(await openapiTS(JSON.parse(fs.readFileSync(from, 'utf8')))));",
        path.join(dir, 'openapi.json'),
        path.join(dir, 'api.d.ts'),
      );
      fs.writeFileSync(path.join(dir, 'check.ts'), CLIENT_CHECK);
      fs.writeFileSync(path.join(dir, 'every-answer.ts'), everyAnswerCheck(doc));
      const shared = path.dirname(require.resolve('@pacer/shared'));
      const program = ts.createProgram([path.join(dir, 'check.ts'), path.join(dir, 'every-answer.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        target: ts.ScriptTarget.ES2022,
        paths: { '@pacer/shared': [path.join(shared, 'index.d.ts')] },
        types: [],
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map(
          (d) =>
            `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
        );
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Compile-time, for every operation: the generated answer type and the shared type the handler declares, and the
 * generated request body (from the DTO's decorators) and the shared request type the DTO implements, are assignable
 * both ways.
 */
function everyAnswerCheck(doc: Json): string {
  const { operations: contracts, bodies } = loadContracts();
  const names = new Set<string>();
  const lines: string[] = [];
  for (const { path: p, method, op } of operations(doc)) {
    const body = bodies[op.operationId];
    if (body && op.requestBody?.content?.['application/json']) {
      const generated = `Body<'${p}', '${method}'>`;
      body.contract.match(/[A-Za-z_]\w*/g)?.forEach((n) => names.add(n));
      const i = lines.length;
      lines.push(
        `export const c${i}: ${body.contract} = {} as ${generated};`,
        `export const d${i}: ${generated} = {} as Wire<${body.contract}>;`,
      );
    }
    const contract = contracts[op.operationId];
    if (contract?.kind !== 'json' || !contract.type) continue;
    const status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s));
    const generated = `Json<'${p}', '${method}', ${status}>`;
    contract.type.match(/[A-Za-z_]\w*/g)?.forEach((n) => names.add(n));
    const i = lines.length;
    lines.push(
      `export const a${i}: ${contract.type} = {} as ${generated};`,
      `export const b${i}: ${generated} = {} as Wire<${contract.type}>;`,
    );
  }
  return [
    `import type { ${[...names].sort().join(', ')} } from '@pacer/shared';`,
    "import type { paths } from './api';",
    JSON_TYPES,
    ...lines,
  ].join('\n');
}

/** Resolves an operation's JSON answer in the generated `paths`; an operation without it is an error, not `never`. */
const JSON_TYPES = `
// readonly is the producer's compile-time promise, not part of what travels: the wire form of a shared type
type Wire<T> = T extends ReadonlyArray<infer U> ? Wire<U>[] : T extends object ? { -readonly [K in keyof T]: Wire<T[K]> } : T;
type Found<T> = [T] extends [never] ? { missing: 'the document has no such answer or body' } : T;
type Json<P extends keyof paths, M extends keyof paths[P], Status extends number> = Found<
  paths[P][M] extends { responses: infer R } ? (R extends Record<Status, { content: { 'application/json': infer B } }> ? B : never) : never>;
type Body<P extends keyof paths, M extends keyof paths[P]> = Found<
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never>;
`;

/**
 * Compile-time: what a client generated from /api/docs-json says the central operations answer (and take) is the
 * shared contract type, both ways round.
 */
const CLIENT_CHECK = `
import type * as S from '@pacer/shared';
import type { paths } from './api';
${JSON_TYPES}
const login: S.LoginResult = {} as Json<'/api/v1/auth/login', 'post', 200>;
const loginBack: Json<'/api/v1/auth/login', 'post', 200> = {} as S.LoginResult;
const loginBody: S.LoginRequest = {} as Body<'/api/v1/auth/login', 'post'>;
const loginBodyBack: Body<'/api/v1/auth/login', 'post'> = {} as S.LoginRequest;

const ranking: S.RankingResponse = {} as Json<'/api/v1/plans/{id}/ranking', 'get', 200>;
const rankingBack: Json<'/api/v1/plans/{id}/ranking', 'get', 200> = {} as S.RankingResponse;

const progress: S.ProgressResponse = {} as Json<'/api/v1/plans/{id}/progress', 'get', 200>;
const progressBack: Json<'/api/v1/plans/{id}/progress', 'get', 200> = {} as S.ProgressResponse;

const report: S.ReportDetail = {} as Json<'/api/v1/reports/{id}', 'get', 200>;
const reportBack: Json<'/api/v1/reports/{id}', 'get', 200> = {} as S.ReportDetail;
const saved: S.ReportDetail = {} as Json<'/api/v1/reports/{id}', 'put', 200>;
const savedBack: Json<'/api/v1/reports/{id}', 'put', 200> = {} as S.ReportDetail;
const putBody: S.PutReportRequest = {} as Body<'/api/v1/reports/{id}', 'put'>;
const putBodyBack: Body<'/api/v1/reports/{id}', 'put'> = {} as S.PutReportRequest;

const projects: S.Page<S.ProjectRow> = {} as Json<'/api/v1/projects', 'get', 200>;
const projectsBack: Json<'/api/v1/projects', 'get', 200> = {} as S.Page<S.ProjectRow>;

const dashboard: S.DashboardResponse = {} as Json<'/api/v1/plans/{id}/dashboard', 'get', 200>;
const dashboardBack: Json<'/api/v1/plans/{id}/dashboard', 'get', 200> = {} as S.DashboardResponse;

const error: S.ApiErrorBody = {} as Json<'/api/v1/reports/{id}', 'put', 409>;
const errorBack: Json<'/api/v1/reports/{id}', 'put', 409> = {} as S.ApiErrorBody;

export const all = [login, loginBack, loginBody, loginBodyBack, ranking, rankingBack, progress, progressBack, report,
  reportBack, saved, savedBack, putBody, putBodyBack, projects, projectsBack, dashboard, dashboardBack, error, errorBack];
`;
