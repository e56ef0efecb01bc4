/** Types of scripts/openapi-contracts.cjs for its spec (src/modules/api-docs/openapi-contracts.spec.ts). */
export interface RouteAnswer {
  operationId: string;
  status?: number;
  kind: 'json' | 'binary' | 'empty' | 'self';
  type?: string;
  names?: string[];
}
export function readRoutes(src?: string): {
  routes: RouteAnswer[];
  problems: string[];
  bodies: Record<string, { dto: string; contract: string }>;
};
export function componentName(definition: string): string;
