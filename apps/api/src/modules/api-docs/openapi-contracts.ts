import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What scripts/openapi-contracts.cjs wrote at build time: each operation's answer (by Nest's operationId
 * `<Controller>_<method>`) and the JSON Schemas of the @pacer/shared contracts it names.
 */
export interface ContractOperation {
  /** json: a shared type; binary: a file (its media types from @ApiProduces); empty: no body; self: documented by its own decorator. */
  kind: 'json' | 'binary' | 'empty' | 'self';
  /** The success status the handler answers (its @HttpCode, else 201 for POST, 200 otherwise). */
  status?: number;
  /** The shared type, e.g. `Page<ProjectRow>`. */
  type?: string;
  schema?: Record<string, unknown>;
}

export interface ContractsFile {
  operations: Record<string, ContractOperation>;
  /** The request body's DTO and the shared type it implements, by operationId (checked by the contract test). */
  bodies: Record<string, { dto: string; contract: string }>;
  /** Every DTO class that implements a shared type: `{ PutReportDto: 'PutReportRequest' }`. */
  dtos: Record<string, string>;
  schemas: Record<string, Record<string, unknown>>;
}

/** Beside this file: src/ under the tests (their global setup writes it), dist/ in a build (`npm run build` writes it). */
export const CONTRACTS_FILE = path.join(__dirname, 'openapi-contracts.json');

export const ERROR_SCHEMA = 'ApiErrorBody';

export function loadContracts(file = CONTRACTS_FILE): ContractsFile {
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: it is written by the API build (npm run build -w @pacer/api) or node apps/api/scripts/openapi-contracts.cjs`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ContractsFile;
}

type Operation = {
  operationId?: string;
  parameters?: Array<{ in?: string }>;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BINARY = { type: 'string', format: 'binary' };

const ERRORS: Record<string, string> = {
  '400': 'The request is malformed or a field is invalid (`details` names each field)',
  '401': 'Not signed in, the session has ended, or the credentials are wrong',
  '403': 'Signed in, but the role or unit scope does not allow this',
  '404': 'No such record (or not visible to the caller)',
  '409': 'The record changed since it was read (stale version) or would become a duplicate',
  '422': 'Well-formed but against a business rule (e.g. the plan or month is closed)',
  default: 'Any other error (413 too large, 429 too many requests, 500) in the same format',
};

/**
 * The document SwaggerModule builds from the controllers, completed from the contracts: every 2xx answer gets the
 * schema of its shared type (or its file media types), every operation the shared error body for its 4xx, and
 * components.schemas the contracts themselves. An operation the build did not describe is left as it is (the
 * e2e test `openapi-contract` fails on it).
 */
export function completeDocument(
  document: OpenAPIObject,
  contracts: ContractsFile,
  produces: Record<string, string[]> = {},
): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(contracts.schemas)) {
    if (name in schemas)
      throw new Error(`OpenAPI: the contract schema ${name} clashes with a DTO schema of that name`);
    schemas[name] = schema;
  }
  typeDtosFromContracts(schemas, contracts);
  const errorBody = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };

  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      const contract = operation?.operationId ? contracts.operations[operation.operationId] : undefined;
      if (!operation || !contract || contract.kind === 'self') continue;
      let success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
      // an @ApiResponse for an error alone keeps Nest from adding the success answer
      if (success.length === 0 && contract.status) {
        success = [String(contract.status)];
        operation.responses[success[0]!] = { description: '' };
      }
      for (const status of success) {
        const response = operation.responses[status]!;
        if (contract.kind === 'json' && contract.schema) {
          response.content = { 'application/json': { schema: contract.schema } };
          if (!response.description) response.description = `${contract.type} (@pacer/shared)`;
        } else if (contract.kind === 'binary') {
          const types = produces[operation.operationId!] ?? [];
          response.content = Object.fromEntries(
            (types.length > 0 ? types : ['application/octet-stream']).map((type) => [
              type,
              { schema: BINARY },
            ]),
          );
          if (!response.description) response.description = 'The file, as an attachment';
        } else if (contract.kind === 'empty') {
          delete response.content;
          if (!response.description) response.description = 'Done; no body';
        }
      }
      for (const status of errorStatuses(method, operation)) {
        const response = (operation.responses[status] ??= { description: ERRORS[status] });
        response.content = errorBody;
      }
    }
  }
  return document;
}

/** What a DTO's @ApiProperty adds to the shared type of a property: its documentation and validation limits. */
const DTO_KEEPS = [
  'description',
  'example',
  'examples',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
];

/**
 * A request body is documented by its DTO (the class the ValidationPipe checks), but the type of each property comes
 * from the @pacer/shared request type the DTO implements (`class PutReportDto implements PutReportRequest`): TypeScript
 * metadata alone says "Object" for a `string | null` or a JSON setting. The DTO keeps which properties it has and
 * which are required, with its descriptions, examples and limits; the contract test checks both agree.
 */
function typeDtosFromContracts(schemas: Record<string, unknown>, contracts: ContractsFile): void {
  const asSchema = (value: unknown) =>
    (value ?? {}) as Record<string, unknown> & { properties?: Record<string, unknown> };
  const dtoRef = (property: unknown): string | undefined => {
    const p = asSchema(property);
    const ref = (p.$ref ?? asSchema(p.items).$ref) as string | undefined;
    return ref?.split('/').pop();
  };
  for (const [dto, contract] of Object.entries(contracts.dtos ?? {})) {
    const target = asSchema(schemas[dto]);
    const source = asSchema(contracts.schemas[contract]);
    if (!target.properties || !source.properties) continue;
    for (const [name, property] of Object.entries(target.properties)) {
      const typed = source.properties[name];
      // a nested DTO (`values: ReportValueDto[]`) keeps its reference: it is typed from its own contract
      if (!typed || (dtoRef(property) ?? '') in (contracts.dtos ?? {})) continue;
      const kept = Object.entries(asSchema(property)).filter(([key]) => DTO_KEEPS.includes(key));
      target.properties[name] = { ...asSchema(typed), ...Object.fromEntries(kept) };
    }
  }
}

/** The media types of each operation's @ApiProduces (class and method), by operationId: Nest only uses them for typed answers. */
export function producesByOperation(app: INestApplication): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { name: string; prototype?: Record<string, unknown> } | null;
      if (!type?.prototype) continue;
      const ofClass = (Reflect.getMetadata(PRODUCES, type) ?? []) as string[];
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const types = [
          ...new Set([...ofClass, ...((Reflect.getMetadata(PRODUCES, handler) ?? []) as string[])]),
        ];
        if (types.length > 0) out[`${type.name}_${method}`] = types;
      }
    }
  }
  return out;
}

/** @nestjs/swagger's metadata key of @ApiProduces. */
const PRODUCES = 'swagger/apiProduces';

/** Which error answers an operation documents: 404 only with a path parameter, 409 and 422 only for writes. */
function errorStatuses(method: (typeof METHODS)[number], operation: Operation): string[] {
  const statuses = ['400', '401'];
  if (operation.security?.length) statuses.push('403');
  if (operation.parameters?.some((p) => p.in === 'path')) statuses.push('404');
  if (method !== 'get') statuses.push('409', '422');
  statuses.push('default');
  return statuses;
}
