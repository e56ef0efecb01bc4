#!/usr/bin/env node
/**
 * Build step: the OpenAPI response schemas of every route, from the @pacer/shared contracts.
 *
 * Reads every `src/**\/*.controller.ts` (syntax only, no type check) and takes, for each route handler, the type it
 * declares it returns — `Promise<PlanRow>`, `Promise<Page<ProjectRow>>`, `Promise<void>`, `Promise<StreamableFile>` —
 * or, for a handler that writes the answer itself through `@Res()`, the type named by `@ApiContract('…')`. The types
 * must come from `@pacer/shared`: they are turned into JSON Schema by ts-json-schema-generator from the built
 * `packages/shared/dist` and written, with the operation map, to a JSON file the API merges into /api/docs-json
 * (modules/api-docs/openapi-contracts.ts). A route whose answer cannot be described fails the build.
 *
 *   node scripts/openapi-contracts.cjs [out.json]      (default: src/modules/api-docs/openapi-contracts.json)
 *   node scripts/openapi-contracts.cjs --if-stale [out.json]   (skip when newer than every input; used by tests)
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS build script, run by node */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const API_ROOT = path.resolve(__dirname, '..');
const SRC = path.join(API_ROOT, 'src');
// the workspace package @pacer/shared (its entry is dist/index.js)
const SHARED_DTS = path.dirname(
  path.dirname(fs.realpathSync(require.resolve('@pacer/shared', { paths: [API_ROOT] }))),
);
const SHARED_ENTRY = path.join(SHARED_DTS, 'dist', 'index.d.ts');
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
/** Handlers documented by their own decorator (@nestjs/terminus describes its health answer). */
const SELF_DOCUMENTED = new Set(['HealthCheck']);
/** Always in components.schemas: the error body of every 4xx answer. */
const ALWAYS = ['ApiErrorBody'];

function controllerFiles(src = SRC) {
  return fs
    .readdirSync(src, { recursive: true })
    .filter((f) => String(f).endsWith('.controller.ts'))
    .map((f) => path.join(src, String(f)))
    .sort();
}

function decoratorsOf(node) {
  return (ts.getDecorators ? ts.getDecorators(node) : node.decorators) ?? [];
}

function decoratorCall(decorator) {
  const expr = decorator.expression;
  if (!ts.isCallExpression(expr)) return null;
  const name = ts.isIdentifier(expr.expression) ? expr.expression.text : null;
  return name ? { name, args: expr.arguments } : null;
}

function sharedImports(source) {
  const names = new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.moduleSpecifier.text !== '@pacer/shared') continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.add(el.name.text);
  }
  return names;
}

const HTTP_STATUS = { OK: 200, CREATED: 201, ACCEPTED: 202, NO_CONTENT: 204 };

/** The success status Nest answers: @HttpCode(200 | HttpStatus.OK …), else 201 for POST and 200 for the rest. */
function successStatus(calls, source) {
  const code = calls.find((c) => c.name === 'HttpCode')?.args[0];
  if (code) {
    const text = code.getText(source);
    const status = /^\d+$/.test(text) ? Number(text) : HTTP_STATUS[text.replace(/^HttpStatus\./, '')];
    if (!status) throw new Error(`OpenAPI: cannot read @HttpCode(${text})`);
    return status;
  }
  return calls.some((c) => c.name === 'Post') ? 201 : 200;
}

/** `@Res()` without `{ passthrough: true }`: the handler writes the answer, its return type says nothing. */
function writesItself(call, source) {
  return call?.name === 'Res' && !call.args.some((a) => /passthrough\s*:\s*true/.test(a.getText(source)));
}

/** Type names a type expression uses (`Page<ProjectRow>` → Page, ProjectRow). */
function typeNames(node, out = []) {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) out.push(node.typeName.text);
  ts.forEachChild(node, (child) => {
    typeNames(child, out); // (a truthy return would stop forEachChild)
  });
  return out;
}

/** Every route: operationId (Nest's `<Controller>_<method>`), what it answers, and what is wrong with it. */
function readRoutes(src = SRC) {
  const routes = [];
  const problems = [];
  const bodies = {};
  for (const file of controllerFiles(src)) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const shared = sharedImports(source);
    const where = (node) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      return `${path.relative(API_ROOT, file)}:${line + 1}`;
    };
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      if (!decoratorsOf(statement).some((d) => decoratorCall(d)?.name === 'Controller')) continue;
      const controller = statement.name.text;
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
        const calls = decoratorsOf(member).map(decoratorCall).filter(Boolean);
        if (!calls.some((c) => HTTP_METHODS.has(c.name))) continue;
        const operationId = `${controller}_${member.name.text}`;
        const status = successStatus(calls, source);
        const body = bodyContract(member, source, file);
        if (body) bodies[operationId] = body;
        const contract = calls.find((c) => c.name === 'ApiContract');
        let answer;
        if (contract) {
          const arg = contract.args[0];
          if (!arg || !ts.isStringLiteralLike(arg)) {
            problems.push(`${where(member)} ${operationId}: @ApiContract needs a string literal type`);
            continue;
          }
          const node = ts.createSourceFile('x.ts', `type X = ${arg.text};`, ts.ScriptTarget.Latest, true)
            .statements[0].type;
          answer = { node, text: arg.text, file: source };
        } else if (calls.some((c) => SELF_DOCUMENTED.has(c.name))) {
          routes.push({ operationId, kind: 'self' });
          continue;
        } else if (
          member.parameters.some((p) => decoratorsOf(p).some((d) => writesItself(decoratorCall(d), source)))
        ) {
          problems.push(
            `${where(member)} ${operationId}: the handler answers through @Res(): name its answer with @ApiContract('X')`,
          );
          continue;
        } else if (!member.type) {
          problems.push(
            `${where(member)} ${operationId}: declare the answer: a return type of @pacer/shared (Promise<PlanRow>), ` +
              "or @ApiContract('X') when the handler answers through @Res()",
          );
          continue;
        } else {
          let node = member.type;
          if (
            ts.isTypeReferenceNode(node) &&
            node.typeName.getText(source) === 'Promise' &&
            node.typeArguments?.length === 1
          ) {
            node = node.typeArguments[0];
          }
          if (node.kind === ts.SyntaxKind.VoidKeyword || node.kind === ts.SyntaxKind.UndefinedKeyword) {
            routes.push({ operationId, status, kind: 'empty' });
            continue;
          }
          if (ts.isTypeReferenceNode(node) && node.typeName.getText(source) === 'StreamableFile') {
            routes.push({ operationId, status, kind: 'binary' });
            continue;
          }
          answer = { node, text: node.getText(source), file: source };
        }
        const foreign = typeNames(answer.node).filter((n) => !contract && !shared.has(n));
        if (foreign.length > 0) {
          problems.push(
            `${where(member)} ${operationId}: the answer ${answer.text} uses ${foreign.join(', ')}, which is not ` +
              'imported from @pacer/shared (the contracts are the one source of the API description)',
          );
          continue;
        }
        routes.push({ operationId, status, kind: 'json', type: answer.text, names: typeNames(answer.node) });
      }
    }
  }
  return { routes, problems, bodies };
}

/** Every DTO class (`src/**\/dto/*.ts`) that implements a @pacer/shared type: `{ PutReportDto: 'PutReportRequest' }`. */
function readDtoContracts() {
  const out = {};
  const files = fs
    .readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((f) => /(^|\/)dto\/[^/]+\.ts$/.test(f) && !f.endsWith('.spec.ts'));
  for (const file of files.sort()) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(path.join(SRC, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const shared = sharedImports(source);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const implemented = statement.heritageClauses
        ?.filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
        .flatMap((h) => h.types.map((t) => t.expression.getText(source)))
        .find((name) => shared.has(name));
      if (implemented) out[statement.name.text] = implemented;
    }
  }
  return out;
}

/**
 * The request body's DTO (`@Body() dto: PutReportDto`, or an array of one) and the @pacer/shared type it implements
 * (`class PutReportDto implements PutReportRequest`), for the contract test: the DTO's documented schema and the shared
 * type must agree.
 */
function bodyContract(member, source, file) {
  const param = member.parameters.find((p) => decoratorsOf(p).some((d) => decoratorCall(d)?.name === 'Body'));
  if (!param?.type) return null;
  const isArray = ts.isArrayTypeNode(param.type);
  const ref = isArray ? param.type.elementType : param.type;
  if (!ts.isTypeReferenceNode(ref) || !ts.isIdentifier(ref.typeName)) return null;
  const dto = ref.typeName.text;
  const from = source.statements.find(
    (s) =>
      ts.isImportDeclaration(s) &&
      s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === dto),
  );
  if (!from || !from.moduleSpecifier.text.startsWith('.')) return null;
  const dtoFile = path.resolve(path.dirname(file), `${from.moduleSpecifier.text.replace(/\.js$/, '')}.ts`);
  if (!fs.existsSync(dtoFile)) return null;
  const dtoSource = ts.createSourceFile(
    dtoFile,
    fs.readFileSync(dtoFile, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const shared = sharedImports(dtoSource);
  const cls = dtoSource.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === dto);
  const implemented = cls?.heritageClauses
    ?.filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
    .flatMap((h) => h.types.map((t) => t.expression.getText(dtoSource)))
    .find((name) => shared.has(name));
  return implemented ? { dto, contract: isArray ? `${implemented}[]` : implemented } : null;
}

/** A component name OpenAPI accepts (`^[A-Za-z0-9._-]+$`): `Page<ProjectRow>` → `Page_ProjectRow`. */
function componentName(definition) {
  return decodeURIComponent(definition)
    .replace(/\[\]/g, '_List')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');
}

function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/')
        ? `#/components/schemas/${componentName(inner.slice('#/definitions/'.length))}`
        : rewriteRefs(inner);
  }
  return out;
}

function generate() {
  const { routes, problems, bodies } = readRoutes();
  if (problems.length > 0) {
    throw new Error(
      `OpenAPI: ${problems.length} route(s) without a described answer:\n  ${problems.join('\n  ')}`,
    );
  }
  const identifiers = new Set(ALWAYS);
  const exported = new Set(ALWAYS);
  const aliases = new Map();
  // the shared types the DTOs implement: their properties' schemas type the DTOs' (completeDocument)
  const dtos = readDtoContracts();
  for (const name of Object.values(dtos)) {
    identifiers.add(name);
    exported.add(name);
  }
  for (const route of routes.filter((r) => r.kind === 'json')) {
    route.names.forEach((n) => identifiers.add(n));
    // a plain name is its own component; `Page<ProjectRow>` or `UserRow[]` goes through an alias, inlined below
    if (/^[A-Za-z_$][\w$]*$/.test(route.type)) exported.add(route.type);
    else if (!aliases.has(route.type)) aliases.set(route.type, `Answer_${aliases.size}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-openapi-'));
  try {
    const synth = path.join(dir, 'contracts.ts');
    fs.writeFileSync(
      synth,
      [
        `import type { ${[...identifiers].sort().join(', ')} } from '@pacer/shared';`,
        `export type { ${[...exported].sort().join(', ')} };`,
        ...[...aliases].map(([text, alias]) => `export type ${alias} = ${text};`),
        '',
      ].join('\n'),
    );
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          module: 'esnext',
          moduleResolution: 'bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          paths: { '@pacer/shared': [SHARED_ENTRY] },
        },
        files: [synth],
      }),
    );
    const tsj = require('ts-json-schema-generator');
    const config = {
      path: synth,
      tsconfig,
      type: '*',
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      skipTypeCheck: true,
      // answers may gain optional fields; a client must not break on one it does not know
      additionalProperties: true,
    };
    const generator = tsj.createGenerator(config);
    const { definitions = {} } = generator.createSchema(config.type);
    // '*' leaves out some re-exported aliases (LoginResult): those one by one
    for (const name of [...exported, ...aliases.values()].filter((n) => !(n in definitions))) {
      Object.assign(definitions, generator.createSchema(name).definitions);
    }
    const schemas = {};
    for (const [name, schema] of Object.entries(definitions)) {
      if (name.startsWith('Answer_')) continue;
      schemas[componentName(name)] = rewriteRefs(schema);
    }
    const operations = {};
    for (const route of routes) {
      if (route.kind !== 'json') {
        operations[route.operationId] = { kind: route.kind, status: route.status };
        continue;
      }
      const alias = aliases.get(route.type);
      const schema = alias
        ? rewriteRefs(definitions[alias])
        : { $ref: `#/components/schemas/${componentName(route.type)}` };
      operations[route.operationId] = { kind: 'json', status: route.status, type: route.type, schema };
    }
    const missing = [
      ...JSON.stringify({ operations, schemas }).matchAll(/"#\/components\/schemas\/([^"]+)"/g),
    ]
      .map((m) => m[1])
      .filter((name) => !(name in schemas));
    if (missing.length > 0)
      throw new Error(`OpenAPI: no schema generated for ${[...new Set(missing)].join(', ')}`);
    return { operations, bodies, dtos, schemas };
  } finally {
    if (!process.env.OPENAPI_DEBUG) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function newestInput() {
  const dtoFiles = fs
    .readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((f) => /(^|\/)dto\/[^/]+\.ts$/.test(f))
    .map((f) => path.join(SRC, f));
  const inputs = [__filename, ...controllerFiles(), ...dtoFiles];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) inputs.push(full);
    }
  };
  walk(path.join(SHARED_DTS, 'dist'));
  return Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
}

function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const out = path.resolve(
    argv.find((a) => !a.startsWith('--')) ?? path.join(SRC, 'modules/api-docs/openapi-contracts.json'),
  );
  if (!fs.existsSync(SHARED_ENTRY))
    throw new Error(`OpenAPI: build @pacer/shared first (${SHARED_ENTRY} is missing)`);
  if (ifStale && fs.existsSync(out) && fs.statSync(out).mtimeMs > newestInput()) return;
  const result = generate();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
  const count = Object.keys(result.operations).length;
  process.stdout.write(
    `openapi-contracts: ${count} operations, ${Object.keys(result.schemas).length} schemas → ${path.relative(process.cwd(), out)}\n`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${error.stack ?? error.message}\n${error.cause ? String(error.cause.stack ?? error.cause) : ''}\n`,
    );
    process.exit(1);
  }
}

module.exports = { generate, readRoutes, componentName };
