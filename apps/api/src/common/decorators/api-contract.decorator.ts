import { SetMetadata } from '@nestjs/common';

export const API_CONTRACT = 'pacer:apiContract';

/**
 * Names the @pacer/shared type a handler answers with when its return type cannot say it — it writes the answer
 * itself through `@Res()` (kept bytes with an ETag) or returns an untyped value: `@ApiContract('RankingResponse')`,
 * `@ApiContract('Page<AuditEventRow>')`. scripts/openapi-contracts.cjs reads it at build time and the answer's schema
 * in /api/docs-json comes from that type; every other handler is described by its declared return type.
 */
export const ApiContract = (type: string): MethodDecorator => SetMetadata(API_CONTRACT, type);
