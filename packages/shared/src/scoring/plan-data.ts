import type { RankingGroup } from '../contracts/plans.js';
import { Dec } from '../money/decimal.js';
import { Fraction } from './exact.js';
import { ZERO } from './format.js';
import type {
  RatioFigures,
  ScorePlanInput,
  ScoringItem,
  ScoringUnit,
  ScoringWarning,
  UnitFacts,
} from './types.js';

/** The input indexed for look-ups, plus the warnings about data the engine had to ignore. */
export class PlanData {
  readonly units: ScoringUnit[];
  readonly warnings: ScoringWarning[] = [];
  private readonly unitIds: Set<number>;
  private readonly indicatorIdByCode: Map<string, number>;
  private readonly targets: Map<string, string>;
  private readonly actuals: Map<string, string>;
  /** Exact actuals of ratios given with their parts; null = 0 ÷ 0 (no value). */
  private readonly exactActuals = new Map<string, Fraction | null>();
  /** Indicators that are levels (kind 'ratio'): a missing actual is no value, not 0. */
  private readonly levelIndicators: Set<number>;
  private readonly groupByCategory = new Map<string, RankingGroup>();
  private readonly counts = new Map<number, Map<string, Dec>>();
  private readonly projects = new Map<number, Record<string, Array<{ agreedWan: string; share?: string }>>>();
  private readonly manual = new Map<
    string,
    { counts: Map<string, Dec>; points: Array<{ points: string; reason: string }> }
  >();
  private readonly coefficients = new Map<number, string>();
  private readonly histories = new Map<string, Array<{ year: number; ytd: string[] }>>();
  private readonly unknownUnitsSeen = new Set<string>();

  constructor(private readonly input: ScorePlanInput) {
    this.units = [...input.units].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    this.unitIds = new Set(this.units.map((u) => u.id));
    this.indicatorIdByCode = new Map(input.indicators.map((i) => [i.code, i.id]));
    const indicatorIds = new Set(input.indicators.map((i) => i.id));
    for (const group of input.plan.rankingGroups) {
      for (const category of group.categories)
        if (!this.groupByCategory.has(category)) this.groupByCategory.set(category, group);
    }
    const valueMap = (rows: ScorePlanInput['targets'], source: string) => {
      const map = new Map<string, string>();
      for (const row of rows) {
        if (!this.knownUnit(row.unitId, source)) continue;
        if (!indicatorIds.has(row.indicatorId)) {
          this.warn(
            'unknownIndicator',
            `${source} 中的指标 ${row.indicatorId} 不在本计划中，已忽略`,
            `${source}: indicator ${row.indicatorId} is not in the plan; ignored`,
            row.unitId,
          );
          continue;
        }
        map.set(key(row.unitId, row.indicatorId), row.value);
      }
      return map;
    };
    this.targets = valueMap(input.targets, 'targets');
    this.actuals = valueMap(input.actuals, 'actuals');
    this.levelIndicators = new Set(input.indicators.filter((i) => i.kind === 'ratio').map((i) => i.id));
    for (const row of input.actuals) {
      const k = key(row.unitId, row.indicatorId);
      if (!this.actuals.has(k)) continue;
      if (
        row.numerator !== undefined &&
        row.numerator !== null &&
        row.denominator !== undefined &&
        row.denominator !== null
      )
        this.exactActuals.set(k, Fraction.ratio(row.numerator, row.denominator));
    }
    for (const row of input.counters ?? []) {
      if (!this.knownUnit(row.unitId, 'counters')) continue;
      const counts = this.counts.get(row.unitId) ?? new Map<string, Dec>();
      counts.set(row.counter, (counts.get(row.counter) ?? ZERO).plus(row.count));
      this.counts.set(row.unitId, counts);
    }
    for (const row of input.projects ?? []) {
      if (!this.knownUnit(row.unitId, 'projects')) continue;
      // a prototype-free record: list names come with the data
      const lists = this.projects.get(row.unitId) ?? (Object.create(null) as Record<string, never[]>);
      (lists[row.list] ??= []).push({ agreedWan: row.agreedWan, share: row.share });
      this.projects.set(row.unitId, lists);
    }
    for (const row of input.coefficients ?? []) {
      if (this.knownUnit(row.unitId, 'coefficients')) this.coefficients.set(row.unitId, row.coefficient);
    }
    for (const row of input.history ?? []) {
      const k = key(row.unitId, row.indicatorId);
      this.histories.set(k, [...(this.histories.get(k) ?? []), { year: row.year, ytd: row.ytd }]);
    }
    this.indexManual();
  }

  groupOf(unit: ScoringUnit): RankingGroup | null {
    return this.groupByCategory.get(unit.category) ?? null;
  }

  applies(item: ScoringItem, unit: ScoringUnit): boolean {
    if (item.groups === undefined) return true;
    const group = this.groupOf(unit);
    return group !== null && item.groups.includes(group.code);
  }

  /**
   * Actual (0 when not reported) and target (null when none) of a unit on an indicator; `exact` is the exact
   * ratio of its parts when given, null when the unit has no value (0 ÷ 0, or a ratio indicator without a row).
   */
  figures(
    unitId: number,
    indicatorId: number,
  ): { actual: string; target: string | null; exact?: Fraction | null } {
    const k = key(unitId, indicatorId);
    const figures = { actual: this.actuals.get(k) ?? '0', target: this.targets.get(k) ?? null };
    if (this.exactActuals.has(k)) return { ...figures, exact: this.exactActuals.get(k)! };
    if (!this.actuals.has(k) && this.levelIndicators.has(indicatorId)) return { ...figures, exact: null };
    return figures;
  }

  figuresByCode(unitId: number, code: string): RatioFigures {
    return this.figures(unitId, this.indicatorIdByCode.get(code)!);
  }

  history(unitId: number, indicatorId: number): string[][] {
    return [...(this.histories.get(key(unitId, indicatorId)) ?? [])]
      .sort((a, b) => a.year - b.year)
      .map((h) => h.ytd);
  }

  facts(unitId: number, itemCode: string): UnitFacts {
    const counts = new Map(this.counts.get(unitId) ?? []);
    const manual = this.manual.get(key(unitId, itemCode));
    for (const [counter, count] of manual?.counts ?? [])
      counts.set(counter, (counts.get(counter) ?? ZERO).plus(count));
    return {
      counts: Object.fromEntries(counts),
      projects: this.projects.get(unitId) ?? {},
      manualPoints: manual?.points ?? [],
    };
  }

  coefficient(unitId: number, planCoefficient: string | undefined): Dec {
    return new Dec(this.coefficients.get(unitId) ?? planCoefficient ?? '1');
  }

  private indexManual(): void {
    const items = new Map((this.input.plan.scoring.items as ScoringItem[]).map((i) => [i.code, i]));
    for (const entry of this.input.manual ?? []) {
      if (!this.knownUnit(entry.unitId, 'manual')) continue;
      const item = items.get(entry.itemCode);
      const say = (code: string, zh: string, en: string) =>
        this.warn(
          code,
          `人工记录（${entry.reason}）${zh}，已忽略`,
          `manual entry (${entry.reason}) ${en}; ignored`,
          entry.unitId,
          entry.itemCode,
        );
      if (!item) {
        say(
          'manualUnknownItem',
          `对应的评分项 ${entry.itemCode} 不存在`,
          `names no item of the plan (${entry.itemCode})`,
        );
        continue;
      }
      const unit = this.units.find((u) => u.id === entry.unitId)!;
      if (!this.applies(item, unit)) {
        say('manualNotApplicable', '所属单位不参与该评分项', 'is for a unit the item does not apply to');
        continue;
      }
      const counters = countersOf(item);
      if (counters === null) {
        say(
          'manualNotApplicable',
          '只能记入加分、扣分或分档缺项类评分项',
          'fits only bonus, deduction and band-shortfall items',
        );
        continue;
      }
      const slot = this.manual.get(key(entry.unitId, entry.itemCode)) ?? {
        counts: new Map<string, Dec>(),
        points: [],
      };
      this.manual.set(key(entry.unitId, entry.itemCode), slot);
      if (entry.count !== undefined) {
        if (entry.counter === undefined || !counters.includes(entry.counter)) {
          say(
            'manualUnknownCounter',
            `的计数项 ${entry.counter ?? '（未指定）'} 不属于该评分项`,
            `counts ${entry.counter ?? '(no counter)'}, which the item does not use`,
          );
        } else {
          slot.counts.set(entry.counter, (slot.counts.get(entry.counter) ?? ZERO).plus(entry.count));
        }
      }
      if (entry.points !== undefined) {
        if (item.method === 'band-shortfall')
          say(
            'manualNotApplicable',
            '不能直接记分到分档缺项评分项',
            'cannot give points to a band-shortfall item',
          );
        else slot.points.push({ points: entry.points, reason: entry.reason });
      }
      if (entry.count === undefined && entry.points === undefined)
        say('manualEmpty', '既无个数也无分值', 'has neither a count nor points');
    }
  }

  private knownUnit(unitId: number, source: string): boolean {
    if (this.unitIds.has(unitId)) return true;
    if (!this.unknownUnitsSeen.has(`${source}:${unitId}`)) {
      this.unknownUnitsSeen.add(`${source}:${unitId}`);
      this.warn(
        'unknownUnit',
        `${source} 中的单位 ${unitId} 不在本次考核中，已忽略`,
        `${source}: unit ${unitId} is not scored; ignored`,
        unitId,
      );
    }
    return false;
  }

  private warn(code: string, message: string, messageEn: string, unitId?: number, itemCode?: string): void {
    this.warnings.push({
      code,
      message,
      messageEn,
      ...(unitId === undefined ? {} : { unitId }),
      ...(itemCode === undefined ? {} : { itemCode }),
    });
  }
}

/** The counters an item reads (manual counts may add to them); null for the methods that take no manual entry. */
function countersOf(item: ScoringItem): string[] | null {
  switch (item.method) {
    case 'bonus':
      return (item.rules ?? []).flatMap((r) => ('counter' in r ? [r.counter] : []));
    case 'deduction':
      return (item.rules ?? []).map((r) => r.counter);
    case 'band-shortfall':
      return item.bands.flatMap((b) => (b.counter === undefined ? [] : [b.counter]));
    default:
      return null;
  }
}

function key(unitId: number, other: number | string): string {
  return `${unitId}:${other}`;
}
