import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

export interface RegisteredRoute {
  method: string;
  /** The full path with its `:params`, e.g. `/api/v1/plans/:id/months/:month/briefing.docx`. */
  path: string;
}

/** Every route Nest registered, from the controllers' metadata (as the AC-1 walk in auth.e2e-spec.ts reads them). */
export function registeredRoutes(app: NestExpressApplication): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  const routes: RegisteredRoute[] = [];
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      const full = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({ method, path: full.startsWith('/api/health') ? full : `/api/v1${full}` });
    }
  }
  return routes;
}
