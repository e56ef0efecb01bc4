import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface Linted {
  filePath: string;
  messages: string[];
}

/**
 * Lints source texts as if they were files of the API (the ESLint config picks its blocks by path), in one child
 * process: ESLint and its flat config are ES modules, which Jest's CommonJS runtime does not load.
 */
function lint(files: Array<{ file: string; code: string }>): Linted[] {
  const script = `
    import { ESLint } from 'eslint';
    const files = JSON.parse(process.env.LINT_FILES);
    const eslint = new ESLint({ cwd: process.env.LINT_ROOT });
    const out = [];
    for (const f of files) {
      const [result] = await eslint.lintText(f.code, { filePath: f.file });
      out.push({ filePath: f.file, messages: result.messages.map((m) => m.message) });
    }
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, LINT_FILES: JSON.stringify(files), LINT_ROOT: ROOT },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Linted[];
}

const file = (relative: string) => path.join(ROOT, 'apps/api/src', relative);

describe('module boundaries (eslint.config.mjs)', () => {
  let results: Linted[];

  beforeAll(() => {
    results = lint([
      // 0: the 通报 reading the rankings module's repository
      {
        file: file('modules/briefings/briefing-scratch.ts'),
        code: "import { RankingsRepository } from '../rankings/rankings.repository';\nexport const x = RankingsRepository;\n",
      },
      // 1: one level down, a dto reaching into another module's internals
      {
        file: file('modules/dashboard/dto/dashboard-scratch.dto.ts'),
        code: "import { movementOf } from '../../rankings/ranking-views';\nexport const x = movementOf;\n",
      },
      // 2: common/ importing a module
      {
        file: file('common/http/scratch.ts'),
        code: "import { UsersService } from '../../modules/users/users.service';\nexport const x = UsersService;\n",
      },
      // 3: an arrow that is not drawn (the dashboard has no business with 单位 administration)
      {
        file: file('modules/dashboard/dashboard-scratch.ts'),
        code: "import { UnitsService } from '../units/units.service';\nexport const x = UnitsService;\n",
      },
      // 4: what a module exports, along a drawn arrow: its service, types, errors and dto
      {
        file: file('modules/month-close/month-close-scratch.ts'),
        code: [
          "import { RankingsService } from '../rankings/rankings.service';",
          "import type { RankingPlan } from '../rankings/rankings.types';",
          "import { scoringConfigInvalid } from '../rankings/rankings.errors';",
          "import { MonthQueryDto } from '../rankings/dto/rankings.dto';",
          "import { CloseSummaryCheck } from './close-summary-check';",
          'export type Plan = RankingPlan;',
          'export const x = [RankingsService, scoringConfigInvalid, MonthQueryDto, CloseSummaryCheck];',
          '',
        ].join('\n'),
      },
      // 5, 6: the excel ↔ briefings cycle, once exempt: no file of either may import the other any more
      {
        file: file('modules/briefings/briefing-xlsx.ts'),
        code: "import { rankingTable } from '../excel/templates/ranking-sheet';\nexport const x = rankingTable;\n",
      },
      {
        file: file('modules/excel/templates/ranking-sheet.ts'),
        code: "import { movementText } from '../../briefings/briefing-text';\nexport const x = movementText;\n",
      },
    ]);
  }, 60_000);

  it('should refuse a module importing another module’s repository', () => {
    expect(results[0]!.messages).toEqual([expect.stringContaining('never its repository')]);
  });

  it('should refuse another module’s internals from a subfolder too', () => {
    expect(results[1]!.messages).toEqual([
      expect.stringContaining('never its repository or other internals'),
    ]);
  });

  it('should refuse common/ importing any module', () => {
    expect(results[2]!.messages).toEqual([expect.stringContaining('common/ imports no module')]);
  });

  it('should refuse an import along an arrow that is not drawn', () => {
    expect(results[3]!.messages).toEqual([
      expect.stringContaining('Module dashboard may import only rankings'),
    ]);
  });

  it('should allow a module’s service, types, errors and dto along a drawn arrow, and its own files', () => {
    expect(results[4]!.messages).toEqual([]);
  });

  it('should exempt no file: the 通报 may not import excel, nor excel the 通报', () => {
    expect(results[5]!.messages).toEqual([
      expect.stringContaining(
        'Module briefings may import only audit, chains, month-close, notifications, rankings, reports',
      ),
      expect.stringContaining('never its repository or other internals'),
    ]);
    expect(results[6]!.messages).toEqual([
      expect.stringContaining('Module excel may import only'),
      expect.stringContaining('never its repository or other internals'),
    ]);
  });
});

describe('what a module exports', () => {
  const modulesDir = path.join(ROOT, 'apps/api/src/modules');
  const exportsOf = (name: string): string[] => {
    const text = readFileSync(path.join(modulesDir, name, `${name}.module.ts`), 'utf8');
    const list = /exports:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
    return list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  };

  it('should export no repository from any module: others go through its services', () => {
    const names = readdirSync(modulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const exported = names.flatMap((name) => exportsOf(name).map((e) => `${name}: ${e}`));
    expect(exported).toContain('plans: PlansService');
    expect(exported.filter((e) => /Repository$/.test(e))).toEqual([]);
  });
});
