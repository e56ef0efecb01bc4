import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { OpenAPIObject } from '@nestjs/swagger';

import { componentName, readRoutes } from '../../../scripts/openapi-contracts.cjs';
import { completeDocument, type ContractsFile } from './openapi-contracts';

const CONTROLLER = `
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Res, StreamableFile } from '@nestjs/common';
import { type Page, type ProjectRow, type RankingResponse } from '@pacer/shared';
import { ApiContract } from '../common/decorators/api-contract.decorator';
import { CreateProjectDto } from './dto/project.dto';
import type { LocalRow } from './local';

@Controller('projects')
export class ProjectsController {
  @Get()
  list(): Promise<Page<ProjectRow>> { return null!; }

  @Post()
  create(@Body() dto: CreateProjectDto): Promise<ProjectRow> { return null!; }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(): Promise<void> {}

  @Get('ledger.xlsx')
  async file(): Promise<StreamableFile> { return null!; }

  @Get('ranking')
  @ApiContract('RankingResponse')
  async ranking(@Res() res: unknown): Promise<void> {}

  @Get('untyped')
  untyped() { return {}; }

  @Get('local')
  local(): Promise<LocalRow> { return null!; }

  @Get('raw')
  async raw(@Res() res: unknown): Promise<void> {}

  helper(): string { return ''; }
}
`;
const DTO = `
import type { CreateProjectRequest } from '@pacer/shared';
export class CreateProjectDto implements CreateProjectRequest {}
`;

describe('openapi-contracts (build step)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-routes-'));
    fs.mkdirSync(path.join(dir, 'dto'));
    fs.writeFileSync(path.join(dir, 'projects.controller.ts'), CONTROLLER);
    fs.writeFileSync(path.join(dir, 'dto/project.dto.ts'), DTO);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should read each handler answer from its return type, its @HttpCode and its @ApiContract', () => {
    const { routes, bodies } = readRoutes(dir);
    expect(
      routes.map(({ operationId, status, kind, type }) => ({ operationId, status, kind, type })),
    ).toEqual([
      { operationId: 'ProjectsController_list', status: 200, kind: 'json', type: 'Page<ProjectRow>' },
      { operationId: 'ProjectsController_create', status: 201, kind: 'json', type: 'ProjectRow' },
      { operationId: 'ProjectsController_remove', status: 204, kind: 'empty', type: undefined },
      { operationId: 'ProjectsController_file', status: 200, kind: 'binary', type: undefined },
      { operationId: 'ProjectsController_ranking', status: 200, kind: 'json', type: 'RankingResponse' },
    ]);
    expect(bodies).toEqual({
      ProjectsController_create: { dto: 'CreateProjectDto', contract: 'CreateProjectRequest' },
    });
  });

  it('should refuse a route whose answer it cannot describe, so that a new route cannot forget it', () => {
    const { problems } = readRoutes(dir);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/ProjectsController_untyped: declare the answer/);
    expect(problems[1]).toMatch(
      /ProjectsController_local: the answer LocalRow uses LocalRow, which is not imported from @pacer\/shared/,
    );
    expect(problems[2]).toMatch(
      /ProjectsController_raw: the handler answers through @Res\(\): name its answer with @ApiContract/,
    );
  });

  it('should name components as OpenAPI allows', () => {
    expect(componentName('Page%3CProjectRow%3E')).toBe('Page_ProjectRow');
    expect(componentName('Page<AuditEventRow>')).toBe('Page_AuditEventRow');
  });
});

describe(completeDocument.name, () => {
  const contracts: ContractsFile = {
    operations: {
      P_list: {
        kind: 'json',
        status: 200,
        type: 'Page<ProjectRow>',
        schema: { $ref: '#/components/schemas/Page_ProjectRow' },
      },
      P_file: { kind: 'binary', status: 200 },
      P_remove: { kind: 'empty', status: 204 },
      P_sessions: {
        kind: 'json',
        status: 200,
        type: 'UserSessionsResponse',
        schema: { $ref: '#/components/schemas/UserSessionsResponse' },
      },
    },
    bodies: {},
    dtos: { PutFundDto: 'PutFundRequest' },
    schemas: {
      Page_ProjectRow: { type: 'object' },
      UserSessionsResponse: { type: 'object' },
      ApiErrorBody: { type: 'object' },
      PutFundRequest: {
        type: 'object',
        properties: {
          amountWan: { $ref: '#/components/schemas/DecimalString' },
          note: { type: ['string', 'null'] },
        },
      },
    },
  };
  const document = (): OpenAPIObject =>
    ({
      openapi: '3.1.0',
      info: { title: 'Pacer', version: '1' },
      paths: {
        '/api/v1/projects': { get: { operationId: 'P_list', responses: { '200': { description: '' } } } },
        '/api/v1/projects.xlsx': {
          get: {
            operationId: 'P_file',
            security: [{ bearer: [] }],
            responses: { '200': { description: '' } },
          },
        },
        '/api/v1/projects/{id}': {
          delete: {
            operationId: 'P_remove',
            parameters: [{ in: 'path', name: 'id' }],
            responses: { '204': { description: '' } },
          },
        },
        '/api/v1/users/{id}/sessions': {
          get: { operationId: 'P_sessions', responses: { '404': { description: 'No such user' } } },
        },
      },
      components: {
        schemas: {
          PutFundDto: {
            type: 'object',
            properties: {
              amountWan: { type: 'string', example: '12000', pattern: '^\\d+$' },
              note: { type: 'object', nullable: true, example: '银行进账单' },
            },
            required: ['amountWan'],
          },
        },
      },
    }) as unknown as OpenAPIObject;

  it('should give each 2xx answer its contract schema, a file its media types and an empty answer no body', () => {
    const doc = completeDocument(document(), contracts, { P_file: ['application/vnd.ms-excel'] });
    expect(doc.paths['/api/v1/projects']!.get!.responses['200']).toEqual({
      description: 'Page<ProjectRow> (@pacer/shared)',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Page_ProjectRow' } } },
    });
    expect(doc.paths['/api/v1/projects.xlsx']!.get!.responses['200']).toMatchObject({
      content: { 'application/vnd.ms-excel': { schema: { type: 'string', format: 'binary' } } },
    });
    expect(doc.paths['/api/v1/projects/{id}']!.delete!.responses['204']).toEqual({
      description: 'Done; no body',
    });
    // only an error was declared: the success answer is added with its status
    expect(Object.keys(doc.paths['/api/v1/users/{id}/sessions']!.get!.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '404',
      'default',
    ]);
    expect(doc.components!.schemas!.Page_ProjectRow).toEqual({ type: 'object' });
  });

  it('should answer errors with the shared error body: 403 when signed in, 404 with an id, 409 and 422 on writes', () => {
    const doc = completeDocument(document(), contracts);
    const statuses = (p: string, m: 'get' | 'delete') =>
      Object.keys(doc.paths[p]![m]!.responses)
        .filter((s) => s !== '200' && s !== '204')
        .sort();
    expect(statuses('/api/v1/projects', 'get')).toEqual(['400', '401', 'default']);
    expect(statuses('/api/v1/projects.xlsx', 'get')).toEqual(['400', '401', '403', 'default']);
    expect(statuses('/api/v1/projects/{id}', 'delete')).toEqual([
      '400',
      '401',
      '404',
      '409',
      '422',
      'default',
    ]);
    expect(doc.paths['/api/v1/projects/{id}']!.delete!.responses['409']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } },
    });
  });

  it("should type a DTO's properties from the shared type it implements, keeping its examples and limits", () => {
    const doc = completeDocument(document(), contracts);
    expect(doc.components!.schemas!.PutFundDto).toEqual({
      type: 'object',
      properties: {
        amountWan: { $ref: '#/components/schemas/DecimalString', example: '12000', pattern: '^\\d+$' },
        note: { type: ['string', 'null'], example: '银行进账单' },
      },
      required: ['amountWan'],
    });
  });
});
