import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from './api.exception';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The text of the call's arguments from `(` to its matching `)`. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if ('([{'.includes(text[i]!)) depth++;
    else if (')]}'.includes(text[i]!) && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced call');
}

/** Splits top-level arguments on commas (strings here hold no unbalanced brackets). */
function splitArguments(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(args.slice(start).trim());
  return out;
}

/** Every `new ApiException(…)` and ApiException subclass `super(…)` in the API's sources, with its code argument. */
function constructions(): Array<{ file: string; code: string }> {
  const found: Array<{ file: string; code: string }> = [];
  for (const path of sourceFiles(SRC)) {
    const text = readFileSync(path, 'utf8');
    const calls = [...text.matchAll(/new ApiException\(/g)].map((m) => m.index! + m[0].length - 1);
    if (/extends ApiException\b/.test(text)) {
      calls.push(...[...text.matchAll(/\bsuper\(/g)].map((m) => m.index! + m[0].length - 1));
    }
    for (const open of calls) {
      found.push({ file: relative(SRC, path), code: splitArguments(argumentsAt(text, open))[1] ?? '' });
    }
  }
  return found;
}

describe(ApiException.name, () => {
  it('should refuse, at compile time, a code that is not a member of the shared ErrorCode', () => {
    // a code outside the shared enum does not compile (`tsc --noEmit` in `npm test` and `npm run lint`)
    const stray = new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      // @ts-expect-error 'PLAN_FROZEN' is not a member of ErrorCode
      'PLAN_FROZEN',
      '计划已冻结',
      'The plan is frozen',
    );
    expect(Object.values(ErrorCode)).not.toContain(stray.code);
  });

  it('should build every API error from a member of the shared ErrorCode, never a string literal', () => {
    const all = constructions();
    expect(all.length).toBeGreaterThan(30);
    // ApiException.restated() says an error again under its own code (`this.code`): the one construction exempt
    const own = (c: { file: string; code: string }) =>
      c.file === 'common/exceptions/api.exception.ts' && c.code === 'this.code';
    const literal = all.filter(
      (c) => !own(c) && (!/(^|[^\w.])ErrorCode\.[A-Z]\w*/.test(c.code) || /['"`]/.test(c.code)),
    );
    expect(literal).toEqual([]);
  });

  it('should construct domain errors only in common/ and the modules’ <module>.errors.ts files', () => {
    const outside = constructions()
      .map((c) => c.file)
      .filter((file) => file.startsWith('modules/') && !file.endsWith('.errors.ts'));
    expect([...new Set(outside)]).toEqual([]);
  });
});
