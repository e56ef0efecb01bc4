import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { ApiExceptionFilter } from './common/filters/api-exception.filter';
import { compressApiAnswers } from './common/http/compress-answers';
import { listWebFiles, sendWebFile, webFiles } from './common/http/precompressed-static';
import { findHostileInput, hostileInputException } from './common/validation/hostile-input';
import { apiDocsGate, type ApiDocsMode } from './modules/api-docs/api-docs.gate';
import { completeDocument, loadContracts, producesByOperation } from './modules/api-docs/openapi-contracts';
import { createValidationPipe } from './common/validation/validation.pipe';

export interface ConfigureOptions {
  bodyLimit: string;
  /** Who may read /api/docs and /api/docs-json (PACER_API_DOCS); `login` when not given. */
  apiDocs?: ApiDocsMode;
  /** Folder of the built web app; skipped when it has no index.html. */
  webDist?: string;
  /** PACER_TRUSTED_PROXIES: whose X-Forwarded-For is believed; empty or absent = nobody's (AUTH-3). */
  trustedProxies?: string;
}

/** Everything main.ts and the e2e tests apply to the Nest app, in one place so that tests see production. */
export function configureApp(app: NestExpressApplication, options: ConfigureOptions): void {
  app.useLogger(app.get(Logger));
  // a forwarded address only from the proxies the deployment names; otherwise anyone picks their own (AUTH-3)
  app.set('trust proxy', options.trustedProxies ? options.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          // the 佐证材料 PDF preview: an iframe of a blob: URL made from the scoped, token-carrying download
          'frame-src': ["'self'", 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only means something over TLS: sent below when the request came in over https (SES-3)
      strictTransportSecurity: false,
    }),
  );
  app.use(hstsOverTls);
  app.use(assignRequestId);
  // JSON and text answers of 1 KiB or more, br or gzip as the client accepts (never downloads or streams)
  app.use(compressApiAnswers());
  app.use(express.json({ limit: options.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: options.bodyLimit }));
  // VAL-1: NUL, lone surrogates and deep nesting are refused here, before a guard, a pipe or the audit sees them
  app.use(refuseHostileInput);
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'api/health/live', method: RequestMethod.GET },
      { path: 'api/health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const openApi = new DocumentBuilder()
    .setTitle('Pacer 招商引资目标考核平台 API')
    .setDescription(
      'REST API of Pacer. All business routes are under /api/v1 and need a bearer token except login. ' +
        'Errors are `{ code, message, messageEn, requestId, details? }`. Money is a decimal string in 万元.',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth()
    // machine clients (service accounts, issue 12): the same Authorization header, with an API key instead of a token
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'pk_…',
        description:
          'A service account\'s API key: `Authorization: Bearer pk_…`. Created by the system administrator (shown once), ' +
          'scoped to units and permissions, expiring, revocable; unknown, expired or revoked keys answer 401 ' +
          'API_KEY_INVALID / API_KEY_EXPIRED / API_KEY_REVOKED.',
      },
      'service-account',
    )
    .build();
  const apiDocs = options.apiDocs ?? 'login';
  if (apiDocs === 'login') app.use(apiDocsGate(app));
  if (apiDocs !== 'off') {
    // the answers' schemas come from the @pacer/shared contracts (written at build time: modules/api-docs)
    const contracts = loadContracts();
    const document = () =>
      completeDocument(SwaggerModule.createDocument(app, openApi), contracts, producesByOperation(app));
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
    });
  }

  if (options.webDist) serveWeb(app, options.webDist);
}

/** One year, subdomains included (SES-3): browsers keep to https once they have seen it. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * SES-3: Strict-Transport-Security on answers to requests that arrived over TLS — directly, or through a proxy named
 * in PACER_TRUSTED_PROXIES that says so in X-Forwarded-Proto (express's `req.secure` follows `trust proxy`). A forged
 * X-Forwarded-Proto from anyone else is ignored, and over plain http the header would mean nothing.
 */
function hstsOverTls(req: Request, res: Response, next: NextFunction): void {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Every request gets an id first (a safe caller-given X-Request-Id is kept), so even a body-parser error carries one. */
function assignRequestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}

/** A body or query value holding a NUL or a lone surrogate, or JSON nested too deep: 400 naming the field (VAL-1). */
function refuseHostileInput(req: Request, _res: Response, next: NextFunction): void {
  const problem = findHostileInput(req.body) ?? findHostileInput(req.query);
  next(problem ? hostileInputException(problem) : undefined);
}

/** Serves the built web app at `/` with an SPA fallback; `/api/*` is never shadowed. */
function serveWeb(app: NestExpressApplication, webDist: string): void {
  const indexHtml = path.join(webDist, 'index.html');
  if (!fs.existsSync(indexHtml)) return;
  // pre-compressed brotli/gzip copies from the web build, hashed assets immutable, index.html revalidated
  app.use(webFiles(webDist));
  const index = listWebFiles(webDist).get('/index.html')!;
  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  expressApp.get('/{*splat}', (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    sendWebFile(req, res, next, '/index.html', index);
  });
}
