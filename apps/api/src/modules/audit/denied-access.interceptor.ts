import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';

import { actorOf, type PacerRequest } from '../../common/decorators/auth.decorators';
import { AuditService } from './audit.service';

/** Route segments whose audit object type is not the segment minus its plural `s`. */
const OBJECT_TYPES: Record<string, string> = {
  imports: 'import_batch',
  'scoring-entries': 'scoring_entry',
  sessions: 'session',
};

/**
 * The object a refused route names: the last `:id`-like parameter (`:id`, `:unitId`, `:familyId`) and the path
 * segment before it, e.g. `/api/v1/reports/:id/submit` → report 42, `/api/v1/plans/:id/units/:unitId/scorecard` →
 * unit 7. A route with no such parameter is named as a route.
 */
export function deniedObjectOf(
  method: string,
  routePath: string,
  params: Record<string, string | string[] | undefined>,
): { objectType: string; objectId: string } {
  const segments = routePath.split('/').filter(Boolean);
  for (let i = segments.length - 1; i > 0; i--) {
    const name = /^:(id|\w+Id)$/.exec(segments[i]!)?.[1];
    const value = name ? params[name] : undefined;
    if (name && typeof value === 'string') {
      const segment = segments[i - 1]!;
      const objectType = OBJECT_TYPES[segment] ?? segment.replace(/s$/, '').replace(/-/g, '_');
      return { objectType, objectId: value.slice(0, 64) };
    }
  }
  return { objectType: 'route', objectId: `${method} ${routePath}`.slice(0, 64) };
}

/**
 * AUD-1: every 403 or 404 a handler answers an authenticated caller on an /api/v1 route — a scope check refusing
 * another unit's report, project, notification, import, target, unit … — writes one `auth.denied` event (method,
 * route, object, status, code, the caller). The global guard's own permission denials never reach here (it throws
 * before any interceptor runs) and are recorded by the guard. A scoped 404 is indistinguishable from a missing id on
 * purpose (no existence leak), so both are recorded; `AuditService.recordDenied` caps them per user and minute.
 */
@Injectable()
export class DeniedAccessInterceptor implements NestInterceptor {
  private readonly logger = new Logger(DeniedAccessInterceptor.name);

  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<PacerRequest>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 0;
        const isRefusal = status === HttpStatus.FORBIDDEN || status === HttpStatus.NOT_FOUND;
        if (!isRefusal || !req.principal || !(req.originalUrl ?? '').startsWith('/api/v1/')) {
          return throwError(() => error);
        }
        return from(this.recordRefusal(req, error as HttpException)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }

  private async recordRefusal(req: PacerRequest, error: HttpException): Promise<void> {
    const routePath = String((req.route as { path?: string } | undefined)?.path ?? req.path);
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const { objectType, objectId } = deniedObjectOf(req.method, routePath, params);
    const code = (error.getResponse() as { code?: unknown })?.code;
    try {
      await this.audit.recordDenied(actorOf(req), {
        action: 'auth.denied',
        objectType,
        objectId,
        detail: {
          method: req.method,
          route: routePath,
          status: error.getStatus(),
          ...(typeof code === 'string' ? { code } : {}),
        },
      });
    } catch (auditError) {
      // the caller still gets the refusal; the failure to record it is logged
      this.logger.error({ err: auditError }, 'auth.denied could not be recorded');
    }
  }
}
